//! `irlint --lsp` speaks the Language Server Protocol over standard input and output: the test
//! plays an editor, with framed JSON-RPC messages, and reads what the server publishes.
//!
//! The editor may be hostile or broken: frames that are not messages are answered with an error
//! and the server goes on; it lints a document's unit alone, wherever the document lies; and it
//! lints off its message loop, so that a slow unit holds up no request and only the newest text
//! of a unit is published.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod support;

/// How long the server may take to answer anything.
const PATIENCE: Duration = Duration::from_secs(60);

/// A module whose key is in another region than the region that uses it (IRL005). A comment
/// with characters outside ASCII (one UTF-16 unit in two bytes, two units in four bytes) stands
/// before the finding on its line, so that a column counted in bytes or characters shows.
const MISMATCHED: &str = r#"provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_kms_key" "west" {
  provider = aws.west
}

resource "aws_kms_key" "east" {}

resource "aws_kms_key" "ireland" {
  provider = aws.ireland
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = /* clé 𝄞 */ aws_kms_key.west.arn
  }
  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.ireland.arn
  }
}
"#;

/// An editor connected to `irlint --lsp`.
struct Editor {
    server: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    /// Every message read so far, in order.
    seen: Vec<Value>,
}

impl Editor {
    fn start(directory: &Path) -> Editor {
        Editor::start_with(directory, &[])
    }

    /// The server with more options than `--lsp`.
    fn start_with(directory: &Path, options: &[&str]) -> Editor {
        let mut command = support::irlint_process::<&str>(&[]);
        command.args(options);
        Editor::launch(command, directory)
    }

    /// The server under a limit on its memory (on Linux: [`support::limit_memory`]).
    fn start_limited(directory: &Path) -> Editor {
        if !cfg!(target_os = "linux") {
            return Editor::start(directory);
        }
        Editor::launch(support::irlint_process(&support::limit_memory()), directory)
    }

    /// Runs `command --lsp` in `directory`.
    fn launch(mut command: Command, directory: &Path) -> Editor {
        let mut server = command
            .arg("--lsp")
            .current_dir(directory)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("irlint starts");
        let input = server.stdin.take().expect("a piped standard input");
        let output = server.stdout.take().expect("a piped standard output");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut output = BufReader::new(output);
            while let Some(message) = read_message(&mut output) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Editor {
            server,
            input,
            messages,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&frame(&message));
    }

    /// Sends bytes as they are, framed or not, in one write.
    fn send_raw(&mut self, bytes: &[u8]) {
        self.input
            .write_all(bytes)
            .and_then(|()| self.input.flush())
            .expect("the server reads its standard input");
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.next(|message| message["id"] == id && message.get("method").is_none())
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let published = self.published(uri);
        published["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics are a list")
            .clone()
    }

    /// The next `publishDiagnostics` notification for `uri`.
    fn published(&mut self, uri: &str) -> Value {
        self.next(|message| is_published(message, uri))
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "terraform", "version": 1, "text": text
            } }),
        );
    }

    /// The next message that `wanted` accepts; others (log messages) are passed over.
    fn next(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the server answers in time");
            self.seen.push(message.clone());
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Shuts the server down, and has it exit with success.
    fn shut_down(mut self) {
        let shutdown = self.request(99, "shutdown", Value::Null);
        assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
        assert!(shutdown.get("error").is_none(), "{shutdown}");
        self.notify("exit", Value::Null);
        assert_eq!(self.exit_code(), Some(0));
    }

    /// Waits for the server to end and returns its exit code.
    fn exit_code(mut self) -> Option<i32> {
        drop(self.input);
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self
                .server
                .try_wait()
                .expect("the server can be waited for")
            {
                return status.code();
            }
            if Instant::now() > deadline {
                self.server.kill().expect("the server can be killed");
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn is_published(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

/// One framed message: headers, a blank line, `Content-Length` bytes of JSON.
fn read_message(output: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if output.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    output.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the body is JSON"))
}

fn initialize(editor: &mut Editor, directory: &Path) -> Value {
    let root = url_of(directory);
    let response = editor.request(
        1,
        "initialize",
        json!({ "processId": null, "rootUri": root, "capabilities": {} }),
    );
    editor.notify("initialized", json!({}));
    response
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A position as LSP counts it: 0-based line, UTF-16 code units into the line.
fn position_of(text: &str, needle: &str) -> Value {
    let start = text.find(needle).expect("the needle is in the text");
    let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
    json!({
        "line": text[..start].matches('\n').count(),
        "character": text[line_start..start].encode_utf16().count(),
    })
}

#[test]
fn diagnostics_follow_the_open_document_and_clear_when_it_is_fixed() {
    let directory = support::project(&[]);
    // The file on disk is clean: the findings can only come from the editor's text.
    let clean = MISMATCHED.replace("aws_kms_key.west.arn", "aws_kms_key.east.arn");
    let main_tf = support::write(directory.path(), "main.tf", &clean);
    let uri = url_of(&main_tf);

    let mut editor = Editor::start(directory.path());
    let initialized = initialize(&mut editor, directory.path());
    let sync = &initialized["result"]["capabilities"]["textDocumentSync"];
    assert_eq!(sync["openClose"], true, "{initialized}");
    assert_eq!(sync["change"], 1, "full synchronization: {initialized}");
    assert_eq!(initialized["result"]["serverInfo"]["name"], "irlint");

    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "terraform", "version": 1, "text": MISMATCHED
        } }),
    );
    let diagnostics = editor.diagnostics(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "IRL005");
    assert_eq!(diagnostic["source"], "irlint");
    assert_eq!(diagnostic["severity"], 1, "an error");
    let start = position_of(MISMATCHED, "aws_kms_key.west.arn");
    assert_eq!(diagnostic["range"]["start"], start);
    assert_eq!(diagnostic["range"]["end"]["line"], start["line"]);
    assert_eq!(
        diagnostic["range"]["end"]["character"],
        start["character"].as_u64().expect("a number") + "aws_kms_key.west.arn".len() as u64
    );
    let message = diagnostic["message"].as_str().expect("a message");
    assert!(message.contains("us-west-2"), "{message}");
    assert!(message.contains("\nhelp: "), "{message}");
    let related = diagnostic["relatedInformation"]
        .as_array()
        .expect("related information");
    assert!(
        related.iter().any(|r| r["location"]["uri"] == uri
            && r["location"]["range"]["start"] == position_of(MISMATCHED, "\"us-west-2\"")),
        "{related:?}"
    );
    assert_eq!(
        diagnostic.get("codeDescription").is_none(),
        env!("CARGO_PKG_REPOSITORY").is_empty(),
        "the rule's document is linked when the repository is known"
    );

    editor.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [ { "text": clean } ]
        }),
    );
    assert_eq!(editor.diagnostics(&uri), Vec::<Value>::new());

    let shutdown = editor.request(2, "shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    editor.notify("exit", Value::Null);
    assert_eq!(editor.exit_code(), Some(0));
}

/// The server lints with the command line's options, not only `--region`.
#[test]
fn the_configuration_named_on_the_command_line_applies() {
    let directory = support::project(&[]);
    let main_tf = support::write(directory.path(), "main.tf", MISMATCHED);
    support::write(directory.path(), "quiet.toml", "ignore = [\"IRL005\"]\n");
    let uri = url_of(&main_tf);

    let mut editor = Editor::start_with(directory.path(), &["--config", "quiet.toml"]);
    initialize(&mut editor, directory.path());
    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "terraform", "version": 1, "text": MISMATCHED
        } }),
    );
    assert_eq!(editor.diagnostics(&uri), Vec::<Value>::new());
    let shutdown = editor.request(2, "shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    editor.notify("exit", Value::Null);
    assert_eq!(editor.exit_code(), Some(0));
}

#[test]
fn an_exit_without_shutdown_fails() {
    let directory = support::project(&[]);
    let mut editor = Editor::start(directory.path());
    initialize(&mut editor, directory.path());
    editor.notify("exit", Value::Null);
    assert_eq!(editor.exit_code(), Some(1));
}

/// How long linting one small unit may take: well under a second, with a margin for a machine
/// running the other tests beside it.
const QUICK: Duration = Duration::from_secs(10);

/// A template with one finding (IRL004: one region, no deletion protection).
const TEMPLATE: &str = "\
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
";

/// [`MISMATCHED`] with the key of its region: no finding.
fn clean() -> String {
    MISMATCHED.replace("aws_kms_key.west.arn", "aws_kms_key.east.arn")
}

/// 6,000 keys (580 KB): a module with them and a replication set takes a debug build more than
/// a second to lint, a release build a tenth of one, long enough for requests and edits to
/// arrive while it is linted.
fn many_keys() -> String {
    (0..6000)
        .map(|key| {
            format!(
                "resource \"aws_kms_key\" \"k{key}\" {{\n  description = \"key {key}\"\n  \
                 tags = {{\n    Name = \"k{key}\"\n  }}\n}}\n\n"
            )
        })
        .collect()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().expect("a rule id"))
        .collect()
}

fn did_change(uri: &str, version: i32, text: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [ { "text": text } ]
        }
    })
}

/// Each frame is refused with a JSON-RPC error, under a memory limit that an allocation of
/// what a header claims would pass, and the server goes on: the document opened next gets its
/// diagnostics.
#[test]
fn a_frame_that_is_no_message_is_refused_and_the_server_goes_on() {
    let framed = |body: &[u8]| {
        [
            format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
            body,
        ]
        .concat()
    };
    let header = |header: &str| format!("{header}\r\n\r\n{{}}").into_bytes();
    let endless = [&b"X-Padding: "[..], &[b'x'; 100_000], b"\r\n\r\n{}"].concat();
    let cases: Vec<(&str, Vec<u8>, i32, Value)> = vec![
        (
            "a length of 1 GB and a short body",
            header("Content-Length: 1000000000"),
            -32700,
            Value::Null,
        ),
        (
            "a length of 2^63 - 1",
            header("Content-Length: 9223372036854775807"),
            -32700,
            Value::Null,
        ),
        (
            "a length past 2^64",
            header("Content-Length: 18446744073709551616"),
            -32700,
            Value::Null,
        ),
        (
            "a negative length",
            header("Content-Length: -5"),
            -32700,
            Value::Null,
        ),
        (
            "a length that is no number",
            header("Content-Length: abc"),
            -32700,
            Value::Null,
        ),
        (
            "no length",
            header("Content-Type: application/vscode-jsonrpc"),
            -32700,
            Value::Null,
        ),
        ("an endless header line", endless, -32700, Value::Null),
        (
            "a body that is not JSON",
            framed(b"hello"),
            -32700,
            Value::Null,
        ),
        (
            "JSON nested deeper than the parser goes",
            framed("[".repeat(100_000).as_bytes()),
            -32700,
            Value::Null,
        ),
        (
            "a body that is not UTF-8",
            framed(b"\"\xff\xfe\""),
            -32700,
            Value::Null,
        ),
        (
            "JSON that is not a message",
            framed(b"[1,2,3]"),
            -32600,
            Value::Null,
        ),
        (
            "a request whose method is no string",
            framed(br#"{"jsonrpc":"2.0","id":7,"method":42}"#),
            -32600,
            json!(7),
        ),
    ];
    for (case, bad, code, id) in cases {
        let directory = support::project(&[]);
        let main_tf = support::write(directory.path(), "main.tf", MISMATCHED);
        let uri = url_of(&main_tf);
        let mut editor = Editor::start_limited(directory.path());
        initialize(&mut editor, directory.path());
        let started = Instant::now();
        editor.send_raw(&bad);
        let refused = editor.next(|message| message.get("error").is_some());
        assert_eq!(refused["error"]["code"], code, "{case}: {refused}");
        assert_eq!(refused["id"], id, "{case}: {refused}");
        editor.open(&uri, MISMATCHED);
        assert_eq!(codes(&editor.diagnostics(&uri)), ["IRL005"], "{case}");
        assert!(started.elapsed() < QUICK, "{case}: {:?}", started.elapsed());
        editor.shut_down();
    }
}

/// A module at the top of the workspace, and one outside every workspace folder (as
/// `file:///main.tf` is), are linted alone, not with the modules and templates below them.
#[test]
fn a_document_is_linted_with_its_unit_alone() {
    let files = [
        ("main.tf", MISMATCHED),
        ("below/main.tf", MISMATCHED),
        ("below/set.yaml", TEMPLATE),
    ];
    let workspace = support::project(&files);
    let outside = support::project(&files);
    let mut editor = Editor::start(workspace.path());
    initialize(&mut editor, workspace.path());
    let opened: Vec<String> = [workspace.path(), outside.path()]
        .iter()
        .map(|top| url_of(&top.join("main.tf")))
        .collect();
    for uri in &opened {
        let started = Instant::now();
        editor.open(uri, MISMATCHED);
        assert_eq!(codes(&editor.diagnostics(uri)), ["IRL005"], "{uri}");
        assert!(started.elapsed() < QUICK, "{uri}: {:?}", started.elapsed());
    }
    // A lint's diagnostics are published together: whatever else they held came before the
    // answer to a request sent after them.
    let hover =
        json!({ "textDocument": { "uri": opened[0] }, "position": { "line": 0, "character": 0 } });
    let answer = editor.request(2, "textDocument/hover", hover);
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    let published: Vec<&str> = editor
        .seen
        .iter()
        .filter(|message| message["method"] == "textDocument/publishDiagnostics")
        .map(|message| message["params"]["uri"].as_str().expect("a URI"))
        .collect();
    assert_eq!(
        published, opened,
        "only the opened documents' units are linted"
    );
    editor.shut_down();
}

/// Requests are answered while a slow unit is linted, and a change made meanwhile supersedes
/// that lint: its diagnostics, out of date, are never published.
#[test]
fn a_slow_lint_holds_up_no_request_and_a_newer_edit_supersedes_it() {
    let directory = support::project(&[]);
    support::write(directory.path(), "keys.tf", many_keys());
    let main_tf = support::write(directory.path(), "main.tf", clean());
    let uri = url_of(&main_tf);
    let mut editor = Editor::start(directory.path());
    initialize(&mut editor, directory.path());

    editor.open(&uri, MISMATCHED);
    let hover =
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } });
    editor.send(
        json!({ "jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": hover }),
    );
    let first = editor.next(|message| message["id"] == 5 || is_published(message, &uri));
    assert_eq!(
        first["id"], 5,
        "the request is answered before the lint ends: {first}"
    );
    assert_eq!(first["error"]["code"], -32601, "{first}");

    editor.send(did_change(&uri, 2, &clean()));
    let published = editor.published(&uri);
    assert_eq!(published["params"]["version"], 2, "{published}");
    assert_eq!(published["params"]["diagnostics"], json!([]), "{published}");
    editor.shut_down();
}

/// Of a burst of edits that arrive together, only the last version's diagnostics are
/// published.
#[test]
fn a_burst_of_edits_publishes_the_last_version_only() {
    let directory = support::project(&[]);
    // The unit is slow to lint, so that the whole burst arrives while its first lint runs.
    support::write(directory.path(), "keys.tf", many_keys());
    let main_tf = support::write(directory.path(), "main.tf", clean());
    let uri = url_of(&main_tf);
    let mut editor = Editor::start(directory.path());
    initialize(&mut editor, directory.path());

    let clean = clean();
    let mut burst = frame(&json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": { "textDocument": {
            "uri": uri, "languageId": "terraform", "version": 1, "text": MISMATCHED
        } }
    }));
    for version in 2..=20 {
        let text = if version % 2 == 0 { &clean } else { MISMATCHED };
        burst.extend(frame(&did_change(&uri, version, text)));
    }
    editor.send_raw(&burst);
    let published = editor.published(&uri);
    assert_eq!(published["params"]["version"], 20, "{published}");
    assert_eq!(published["params"]["diagnostics"], json!([]), "{published}");
    editor.shut_down();
}

/// A module whose second region is misspelt (IRL012, with a fix) and lies in a comment's line
/// after characters outside ASCII, so that a column counted in bytes would edit the wrong
/// characters.
const MISSPELT: &str = r#"resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  regions {
    /* clé 𝄞 */ name = "us-wset-2"
  }
}
"#;

/// The text with an LSP text edit made.
fn apply_edit(text: &str, edit: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().expect("a line") as usize;
        let character = position["character"].as_u64().expect("a character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let in_line = text[start..]
            .char_indices()
            .find(|(_, c)| {
                let reached = units >= character;
                units += c.len_utf16();
                reached
            })
            .map_or(text.len() - start, |(at, _)| at);
        start + in_line
    };
    let (start, end) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    let new_text = edit["newText"].as_str().expect("the new text");
    format!("{}{new_text}{}", &text[..start], &text[end..])
}

fn code_actions(editor: &mut Editor, id: u64, uri: &str, diagnostic: &Value) -> Value {
    let params = json!({
        "textDocument": { "uri": uri },
        "range": diagnostic["range"],
        "context": { "diagnostics": [diagnostic] },
    });
    editor.request(id, "textDocument/codeAction", params)
}

/// The server advertises quick fixes; a diagnostic whose finding has a fix offers it, linked to
/// the diagnostic, and the edit it makes fixes the text: linted again, the finding is gone.
/// Every finding's diagnostic links to its rule's document.
#[test]
fn a_quick_fix_makes_the_fix_of_a_diagnostic() {
    let directory = support::project(&[]);
    let main_tf = support::write(directory.path(), "main.tf", MISSPELT);
    let uri = url_of(&main_tf);
    let mut editor = Editor::start(directory.path());
    let initialized = initialize(&mut editor, directory.path());
    let provider = &initialized["result"]["capabilities"]["codeActionProvider"];
    assert_eq!(
        provider["codeActionKinds"],
        json!(["quickfix"]),
        "{initialized}"
    );

    editor.open(&uri, MISSPELT);
    let diagnostics = editor.diagnostics(&uri);
    // Every finding's; a check that could not be made is no rule's.
    let findings = (diagnostics.iter()).filter(|diagnostic| diagnostic["code"] != "unchecked");
    for diagnostic in findings {
        let code = diagnostic["code"].as_str().expect("a rule id");
        let href = diagnostic["codeDescription"]["href"].as_str();
        assert_eq!(
            href.map(|href| href.ends_with(&format!("/rules/{code}.md"))),
            Some(true),
            "{diagnostic}"
        );
    }
    let misspelt = (diagnostics.iter())
        .find(|diagnostic| diagnostic["code"] == "IRL012")
        .expect("an IRL012 diagnostic");

    let answer = code_actions(&mut editor, 2, &uri, misspelt);
    let actions = answer["result"].as_array().expect("a list of actions");
    assert_eq!(actions.len(), 1, "{answer}");
    let action = &actions[0];
    assert_eq!(
        action["title"], "IRL012: replace with us-west-2",
        "{action}"
    );
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"], json!([misspelt]));
    let edits = action["edit"]["changes"][&uri]
        .as_array()
        .expect("the document's edits");
    assert_eq!(edits.len(), 1, "{action}");
    let fixed = apply_edit(MISSPELT, &edits[0]);
    assert_eq!(fixed, MISSPELT.replace("us-wset-2", "us-west-2"));

    editor.send(did_change(&uri, 2, &fixed));
    let remaining = editor.diagnostics(&uri);
    assert!(!codes(&remaining).contains(&"IRL012"), "{remaining:?}");
    // The diagnostic the editor still holds is out of date: its fix is no longer offered.
    let answer = code_actions(&mut editor, 3, &uri, misspelt);
    assert_eq!(answer["result"], json!([]), "{answer}");
    editor.shut_down();
}

/// A client that takes versioned document edits gets one, of the version the fix was made for,
/// which it refuses to make on a document changed since.
#[test]
fn a_quick_fix_names_the_version_of_its_document() {
    let directory = support::project(&[]);
    let main_tf = support::write(directory.path(), "main.tf", MISSPELT);
    let uri = url_of(&main_tf);
    let mut editor = Editor::start(directory.path());
    let capabilities = json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } });
    editor.request(
        1,
        "initialize",
        json!({ "processId": null, "rootUri": url_of(directory.path()), "capabilities": capabilities }),
    );
    editor.notify("initialized", json!({}));
    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "terraform", "version": 7, "text": MISSPELT
        } }),
    );
    let diagnostics = editor.diagnostics(&uri);
    let misspelt = (diagnostics.iter())
        .find(|diagnostic| diagnostic["code"] == "IRL012")
        .expect("an IRL012 diagnostic");
    let answer = code_actions(&mut editor, 2, &uri, misspelt);
    let change = &answer["result"][0]["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"],
        json!({ "uri": uri, "version": 7 }),
        "{answer}"
    );
    let fixed = apply_edit(MISSPELT, &change["edits"][0]);
    assert_eq!(fixed, MISSPELT.replace("us-wset-2", "us-west-2"));
    editor.shut_down();
}
