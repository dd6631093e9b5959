//! `irlint --lsp`: a language server over standard input and output.
//!
//! The editor sends the full text of every document it opens and of every change; each time,
//! the server lints the unit the document belongs to (the Pulumi project above it, its Terraform
//! module directory, or the template itself) with the texts of open documents standing in for
//! the files on disk, and publishes the findings and input errors of every file of that lint as
//! diagnostics, and empty diagnostics for files that became clean.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, InitializeResult, Location, LogMessageParams, MessageType,
    NumberOrString, Position, PositionEncodingKind, PublishDiagnosticsParams, Range,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};

use crate::discover::{self, FileRole, PULUMI_PROJECT_FILES};
use crate::frontend::InputError;
use crate::lint::{self, Options};
use crate::printable::printable;
use crate::rules::{Finding, Level};
use crate::source::{SourceFile, Sources, Span, display_path};

/// Why the server stopped without the client's shutdown.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the client closed the connection without shutting the server down")]
    Disconnected,
    #[error("the client asked the server to exit without shutting it down")]
    ExitWithoutShutdown,
    #[error("cannot read or write standard input or output: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot encode a message: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The name diagnostics carry as their `source`.
const SOURCE: &str = "irlint";

/// Serves one client until it shuts the server down and asks it to exit.
pub fn run(options: Options) -> Result<(), Error> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection, options)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

fn capabilities() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: SOURCE.to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

fn serve(connection: &Connection, options: Options) -> Result<(), Error> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(id, serde_json::to_value(capabilities())?)?;
    let mut server = Server {
        options,
        documents: BTreeMap::new(),
        published: BTreeSet::new(),
    };
    loop {
        let message = connection
            .receiver
            .recv()
            .map_err(|_| Error::Disconnected)?;
        let mut touched = BTreeSet::new();
        if server.handle(connection, message, &mut touched)? == Flow::Stop {
            return Ok(());
        }
        // Messages already waiting (a burst of keystrokes) are handled before linting, so that
        // a document is linted once for all of them rather than once for each.
        while let Ok(message) = connection.receiver.try_recv() {
            if server.handle(connection, message, &mut touched)? == Flow::Stop {
                return Ok(());
            }
        }
        server.lint(connection, &touched)?;
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    /// The client shut the server down and asked it to exit.
    Stop,
}

/// A document the editor holds open.
struct Document {
    version: i32,
    text: String,
}

struct Server {
    /// The command line's options (`--region`, `--config`, `--no-suppressions`); each lint adds
    /// the open documents as its overlay.
    options: Options,
    /// By path on disk.
    documents: BTreeMap<PathBuf, Document>,
    /// Files whose last published diagnostics were not empty.
    published: BTreeSet<PathBuf>,
}

impl Server {
    /// Handles one message; the paths of documents whose text changed go to `touched`.
    fn handle(
        &mut self,
        connection: &Connection,
        message: Message,
        touched: &mut BTreeSet<PathBuf>,
    ) -> Result<Flow, Error> {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(Flow::Stop);
                }
                reply_unsupported(connection, request)?;
            }
            Message::Notification(notification) => {
                self.notified(connection, notification, touched)?;
            }
            Message::Response(_) => {}
        }
        Ok(Flow::Continue)
    }

    fn notified(
        &mut self,
        connection: &Connection,
        notification: Notification,
        touched: &mut BTreeSet<PathBuf>,
    ) -> Result<(), Error> {
        let Notification { method, params } = notification;
        match method.as_str() {
            "exit" => return Err(Error::ExitWithoutShutdown),
            DidOpenTextDocument::METHOD => {
                let Some(DidOpenTextDocumentParams { text_document }) =
                    parse(connection, &method, params)?
                else {
                    return Ok(());
                };
                // Documents that are not files (an unsaved buffer) are not linted: irlint lints
                // units on disk.
                if let Some(path) = file_path(&text_document.uri) {
                    self.documents.insert(
                        path.clone(),
                        Document {
                            version: text_document.version,
                            text: text_document.text,
                        },
                    );
                    touched.insert(path);
                }
            }
            DidChangeTextDocument::METHOD => {
                let Some(DidChangeTextDocumentParams {
                    text_document,
                    content_changes,
                }) = parse(connection, &method, params)?
                else {
                    return Ok(());
                };
                // Full synchronization: the last change whose range is absent is the whole text.
                let text = content_changes
                    .into_iter()
                    .rev()
                    .find(|change| change.range.is_none())
                    .map(|change| change.text);
                self.update(
                    &text_document.uri,
                    Some(text_document.version),
                    text,
                    touched,
                );
            }
            DidSaveTextDocument::METHOD => {
                let Some(DidSaveTextDocumentParams {
                    text_document,
                    text,
                }) = parse(connection, &method, params)?
                else {
                    return Ok(());
                };
                self.update(&text_document.uri, None, text, touched);
            }
            DidCloseTextDocument::METHOD => {
                let Some(DidCloseTextDocumentParams { text_document }) =
                    parse(connection, &method, params)?
                else {
                    return Ok(());
                };
                if let Some(path) = file_path(&text_document.uri) {
                    self.documents.remove(&path);
                    touched.remove(&path);
                    self.published.remove(&path);
                    publish(connection, text_document.uri, None, Vec::new())?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Records an open document's version and text (`None`: unchanged) and marks it for
    /// linting.
    fn update(
        &mut self,
        uri: &Url,
        version: Option<i32>,
        text: Option<String>,
        touched: &mut BTreeSet<PathBuf>,
    ) {
        let Some((path, document)) = file_path(uri).and_then(|path| {
            self.documents
                .get_mut(&path)
                .map(|document| (path, document))
        }) else {
            return;
        };
        if let Some(version) = version {
            document.version = version;
        }
        if let Some(text) = text {
            document.text = text;
        }
        touched.insert(path);
    }

    /// Lints the unit of each touched document, once per unit, and publishes diagnostics.
    fn lint(&mut self, connection: &Connection, touched: &BTreeSet<PathBuf>) -> Result<(), Error> {
        let mut targets: BTreeMap<PathBuf, Vec<&Path>> = BTreeMap::new();
        for path in touched
            .iter()
            .filter(|path| self.documents.contains_key(*path))
        {
            targets.entry(unit_target(path)).or_default().push(path);
        }
        let options = Options {
            overlay: self
                .documents
                .iter()
                .map(|(path, document)| (path.clone(), document.text.clone()))
                .collect(),
            ..self.options.clone()
        };
        for (target, documents) in targets {
            let outcome = match lint::run(std::slice::from_ref(&target), &options) {
                Ok(outcome) => outcome,
                Err(error) => {
                    log(connection, MessageType::WARNING, error.to_string())?;
                    continue;
                }
            };
            // Every linted document is published, and so is every file of the target that had
            // diagnostics, so that what became clean is cleared.
            let mut diagnostics: BTreeMap<PathBuf, Vec<Diagnostic>> = documents
                .into_iter()
                .map(Path::to_path_buf)
                .chain(
                    self.published
                        .iter()
                        .filter(|path| path.starts_with(&target))
                        .cloned(),
                )
                .map(|path| (path, Vec::new()))
                .collect();
            let sources = &outcome.sources;
            for finding in &outcome.findings {
                diagnostics
                    .entry(sources.get(finding.span.file).path.clone())
                    .or_default()
                    .push(finding_diagnostic(sources, finding));
            }
            for error in &outcome.errors {
                match self.error_file(sources, error) {
                    Some(path) => diagnostics
                        .entry(path)
                        .or_default()
                        .push(error_diagnostic(sources, error)),
                    None => log(connection, MessageType::ERROR, error_text(error))?,
                }
            }
            for (path, diagnostics) in diagnostics {
                let Ok(uri) = Url::from_file_path(&path) else {
                    continue;
                };
                let version = self.documents.get(&path).map(|document| document.version);
                if diagnostics.is_empty() {
                    self.published.remove(&path);
                } else {
                    self.published.insert(path);
                }
                publish(connection, uri, version, diagnostics)?;
            }
        }
        Ok(())
    }

    /// The file an input error is about: its span's, or the open document of its path.
    fn error_file(&self, sources: &Sources, error: &InputError) -> Option<PathBuf> {
        match error.span {
            Some(span) => Some(sources.get(span.file).path.clone()),
            None => self
                .documents
                .keys()
                .find(|path| !error.path.is_empty() && display_path(path) == error.path)
                .cloned(),
        }
    }
}

/// Deserializes a notification's parameters; malformed ones are logged and the notification
/// ignored.
fn parse<P: serde::de::DeserializeOwned>(
    connection: &Connection,
    method: &str,
    params: serde_json::Value,
) -> Result<Option<P>, Error> {
    match serde_json::from_value(params) {
        Ok(params) => Ok(Some(params)),
        Err(error) => {
            let message = format!("ignored `{method}` with malformed parameters: {error}");
            log(connection, MessageType::ERROR, message)?;
            Ok(None)
        }
    }
}

fn file_path(uri: &Url) -> Option<PathBuf> {
    (uri.scheme() == "file")
        .then(|| uri.to_file_path().ok())
        .flatten()
}

/// What to lint for a document: the Pulumi project it lies in (up to its repository's top
/// level), else its directory for a Terraform file (a module is a directory), else the file
/// itself (a template).
fn unit_target(path: &Path) -> PathBuf {
    for directory in path.ancestors().skip(1) {
        if PULUMI_PROJECT_FILES
            .iter()
            .any(|name| directory.join(name).is_file())
        {
            return directory.to_path_buf();
        }
        if directory.join(".git").exists() {
            break;
        }
    }
    // As discovery groups them: `*.tf`, `terraform.tfvars` and `*.auto.tfvars`.
    let is_terraform = discover::role_of(path) == Some(FileRole::Terraform);
    match path.parent() {
        Some(directory) if is_terraform => directory.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

fn reply_unsupported(connection: &Connection, request: Request) -> Result<(), Error> {
    let response = Response::new_err(
        request.id,
        ErrorCode::MethodNotFound as i32,
        format!("irlint does not serve `{}`", request.method),
    );
    send(connection, response.into())
}

fn send(connection: &Connection, message: Message) -> Result<(), Error> {
    connection
        .sender
        .send(message)
        .map_err(|_| Error::Disconnected)
}

fn notify<N: lsp_types::notification::Notification>(
    connection: &Connection,
    params: N::Params,
) -> Result<(), Error> {
    let params = serde_json::to_value(params)?;
    send(
        connection,
        Notification {
            method: N::METHOD.to_owned(),
            params,
        }
        .into(),
    )
}

fn publish(
    connection: &Connection,
    uri: Url,
    version: Option<i32>,
    diagnostics: Vec<Diagnostic>,
) -> Result<(), Error> {
    notify::<PublishDiagnostics>(
        connection,
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
}

/// Logs a message in the client's output; what it quotes from files and configuration is
/// escaped, as on a terminal.
fn log(connection: &Connection, typ: MessageType, message: String) -> Result<(), Error> {
    let message = printable(&message).into_owned();
    notify::<LogMessage>(connection, LogMessageParams { typ, message })
}

/// A span as an LSP range, in UTF-16 code units.
fn range(sources: &Sources, span: Span) -> Range {
    let file: &SourceFile = sources.get(span.file);
    let position = |byte| {
        let at = file.utf16_position(byte);
        Position {
            line: u32::try_from(at.line).unwrap_or(u32::MAX),
            character: u32::try_from(at.character).unwrap_or(u32::MAX),
        }
    };
    Range {
        start: position(span.start),
        end: position(span.end),
    }
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// The finding's texts are escaped: editors show them in lists and hovers, one message a line.
fn finding_diagnostic(sources: &Sources, finding: &Finding) -> Diagnostic {
    let text = printable(&finding.message);
    let message = match &finding.help {
        Some(help) => format!("{text}\nhelp: {}", printable(help)),
        None => text.into_owned(),
    };
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let uri = Url::from_file_path(&sources.get(related.span.file).path).ok()?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri,
                    range: range(sources, related.span),
                },
                message: printable(&related.message).into_owned(),
            })
        })
        .collect();
    Diagnostic {
        range: range(sources, finding.span),
        severity: Some(severity(finding.level)),
        code: Some(NumberOrString::String(finding.rule.id.to_owned())),
        code_description: finding
            .rule
            .document_uri()
            .and_then(|uri| Url::parse(&uri).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: Some(related).filter(|related| !related.is_empty()),
        ..Diagnostic::default()
    }
}

fn error_diagnostic(sources: &Sources, error: &InputError) -> Diagnostic {
    Diagnostic {
        range: error
            .span
            .map(|span| range(sources, span))
            .unwrap_or_default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message: printable(&error.message).into_owned(),
        ..Diagnostic::default()
    }
}

fn error_text(error: &InputError) -> String {
    if error.path.is_empty() {
        error.message.clone()
    } else {
        format!("{}: {}", error.path, error.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_linted_with_its_unit() {
        let top = tempfile::tempdir().expect("a temporary directory");
        let top = top.path();
        for directory in [".git", "project/src", "module", "stacks"] {
            std::fs::create_dir_all(top.join(directory)).expect("a directory");
        }
        std::fs::write(
            top.join("project/Pulumi.yaml"),
            "name: p\nruntime: nodejs\n",
        )
        .expect("a project file");
        assert_eq!(
            unit_target(&top.join("project/src/keys.ts")),
            top.join("project")
        );
        assert_eq!(
            unit_target(&top.join("project/Pulumi.prod.yaml")),
            top.join("project")
        );
        assert_eq!(unit_target(&top.join("module/main.tf")), top.join("module"));
        assert_eq!(
            unit_target(&top.join("module/terraform.tfvars")),
            top.join("module")
        );
        assert_eq!(
            unit_target(&top.join("stacks/set.yaml")),
            top.join("stacks/set.yaml")
        );
    }

    #[test]
    fn messages_from_the_input_are_escaped() {
        let hostile = "x\n::add-mask::***\u{1b}]52;c;aGVsbG8=\u{7}";
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new(
            PathBuf::from("/work/infra/main.tf"),
            "resource {}\n".to_owned(),
        ));
        let span = Span::new(file, 0, 8);
        let rule = crate::rules::find("IRL004").expect("a rule").meta();
        let finding = Finding::new(rule, span, hostile)
            .help(hostile)
            .related(span, hostile);
        let diagnostic = finding_diagnostic(&sources, &finding);
        let escaped = "x\\n::add-mask::***\\u{1b}]52;c;aGVsbG8=\\u{7}";
        assert_eq!(diagnostic.message, format!("{escaped}\nhelp: {escaped}"));
        let related = diagnostic.related_information.expect("a related location");
        assert_eq!(related[0].message, escaped);
        let error = InputError {
            path: String::new(),
            span: Some(span),
            message: hostile.to_owned(),
        };
        assert_eq!(error_diagnostic(&sources, &error).message, escaped);
    }

    #[test]
    fn only_file_uris_are_linted() {
        let uri = Url::parse("file:///work/infra/main.tf").expect("a URI");
        assert_eq!(file_path(&uri), Some(PathBuf::from("/work/infra/main.tf")));
        let untitled = Url::parse("untitled:Untitled-1").expect("a URI");
        assert_eq!(file_path(&untitled), None);
    }
}
