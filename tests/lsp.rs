//! `irlint --lsp` speaks the Language Server Protocol over standard input and output: the test
//! plays an editor, with framed JSON-RPC messages, and reads what the server publishes.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

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
}

impl Editor {
    fn start(directory: &Path) -> Editor {
        Editor::start_with(directory, &[])
    }

    /// The server with more options than `--lsp`.
    fn start_with(directory: &Path, options: &[&str]) -> Editor {
        let mut server = Command::new(env!("CARGO_BIN_EXE_irlint"))
            .arg("--lsp")
            .args(options)
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
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len())
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
        let published = self.next(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
        });
        published["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics are a list")
            .clone()
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
            if wanted(&message) {
                return message;
            }
        }
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
    let directory = tempfile::tempdir().expect("a temporary directory");
    // The file on disk is clean: the findings can only come from the editor's text.
    let clean = MISMATCHED.replace("aws_kms_key.west.arn", "aws_kms_key.east.arn");
    let main_tf = directory.path().join("main.tf");
    std::fs::write(&main_tf, &clean).expect("the module is writable");
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
    let directory = tempfile::tempdir().expect("a temporary directory");
    let main_tf = directory.path().join("main.tf");
    std::fs::write(&main_tf, MISMATCHED).expect("the module is writable");
    let config = directory.path().join("quiet.toml");
    std::fs::write(&config, "ignore = [\"IRL005\"]\n").expect("the configuration is writable");
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
    let directory = tempfile::tempdir().expect("a temporary directory");
    let mut editor = Editor::start(directory.path());
    initialize(&mut editor, directory.path());
    editor.notify("exit", Value::Null);
    assert_eq!(editor.exit_code(), Some(1));
}
