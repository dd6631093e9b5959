//! `irlint --lsp`: a language server over standard input and output.
//!
//! The editor sends the full text of every document it opens and of every change; each time,
//! the server lints the unit the document belongs to (its Terraform module directory, the Pulumi
//! project above it, or the template itself: see `lsp/unit.rs`) with the texts of its open
//! documents standing in for the files on disk, and publishes the findings and input errors of
//! that unit's files as diagnostics, and empty diagnostics for files that became clean.
//!
//! Each diagnostic of a finding with a fix offers it as a quick fix (`lsp/actions.rs`).
//!
//! One thread reads and frames the input (`lsp/transport.rs`), one writes the output, and the
//! message loop between them keeps the documents and answers requests. It never lints: lints run
//! on rayon's pool and report back to the loop, so that a slow unit holds up no request. Every
//! change of a unit takes a new generation; a lint made for an older generation than its unit's
//! is not published, and the unit is linted again with the newest texts.

mod actions;
mod diagnostics;
pub mod transport;
mod unit;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, InitializeResult, LogMessageParams, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use serde::Serialize;

use self::diagnostics::{Job, Linted};
use self::transport::Frame;
use self::unit::Unit;
use crate::lint::Options;
use crate::printable::printable;

/// Why the server stopped without the client's shutdown.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the client closed the connection without shutting the server down")]
    Disconnected,
    #[error("the client asked the server to exit without shutting it down")]
    ExitWithoutShutdown,
    #[error("cannot read or write standard input or output: {0}")]
    Io(#[from] io::Error),
    #[error("cannot encode a message: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The name diagnostics carry as their `source`.
const SOURCE: &str = "irlint";

/// How many events may wait for the loop. One may hold a message of up to
/// [`transport::MAX_BODY`]; the loop takes them as they come, unless the client stops reading
/// what the server writes, and then the reader stops reading rather than hold more.
const WAITING_EVENTS: usize = 4;

/// How many messages may wait for the client to read them.
const WAITING_OUTPUT: usize = 1024;

/// Serves one client until it shuts the server down and asks it to exit.
pub fn run(options: Options) -> Result<(), Error> {
    let (events, received) = mpsc::sync_channel(WAITING_EVENTS);
    let frames = events.clone();
    // Not joined: after `exit` it may wait on standard input for ever.
    thread::Builder::new()
        .name("irlint-lsp-reader".to_owned())
        .spawn(move || {
            let mut reader = transport::Reader::new(io::stdin().lock());
            let ended = loop {
                match reader.next_frame() {
                    Ok(Some(frame)) => {
                        if frames.send(Event::Frame(frame)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(error) => break Err(error),
                }
            };
            // The loop may be gone already; then nobody needs to know.
            let _ = frames.send(Event::Ended(ended));
        })?;
    let (output, bodies) = mpsc::sync_channel(WAITING_OUTPUT);
    let writer = thread::Builder::new()
        .name("irlint-lsp-writer".to_owned())
        .spawn(move || transport::write_frames(io::BufWriter::new(io::stdout().lock()), &bodies))?;
    // The server, and with it the output's only sender, is gone when `serve` returns: the
    // writer then writes what is left and ends.
    let served = Server::new(options, output, events).serve(&received);
    let written = writer
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the thread writing the output failed")));
    served?;
    Ok(written?)
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
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: SOURCE.to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

/// What the message loop hears about.
enum Event {
    Frame(Frame),
    /// The input ended, or could not be read.
    Ended(io::Result<()>),
    Linted(Linted),
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    /// The client shut the server down and asked it to exit.
    Stop,
}

/// Where the server stands in the protocol's life cycle.
#[derive(Debug, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`.
    Starting,
    Running,
    /// After `shutdown`: only `exit` is heeded.
    ShutDown,
}

/// A document the editor holds open.
struct Document {
    version: i32,
    text: String,
    /// The unit it belongs to, found when it is opened and saved; `None` for a file nothing
    /// deploys (a program source outside any Pulumi project).
    unit: Option<Unit>,
}

/// What the server knows of a unit with open documents.
#[derive(Default)]
struct UnitState {
    /// The generation of the unit's last change.
    generation: u64,
    /// The generation the unit's running lint was made for.
    linting: Option<u64>,
    /// The unit's files whose last published diagnostics were not empty.
    published: BTreeSet<PathBuf>,
}

struct Server {
    /// The command line's options (`--region`, `--config`, `--no-suppressions`); each lint adds
    /// its unit's open documents as its overlay.
    options: Arc<Options>,
    output: SyncSender<Vec<u8>>,
    /// Where lints report.
    events: SyncSender<Event>,
    phase: Phase,
    /// By path on disk.
    documents: BTreeMap<PathBuf, Document>,
    units: HashMap<Unit, UnitState>,
    /// The last generation given. Generations are unique over the server's life, so that a lint
    /// of a unit that was closed and opened again is not taken for the newest.
    generations: u64,
    /// Whether the client takes versioned document edits (`documentChanges`), which it refuses
    /// for a document changed since.
    versioned_edits: bool,
}

impl Server {
    fn new(options: Options, output: SyncSender<Vec<u8>>, events: SyncSender<Event>) -> Server {
        Server {
            options: Arc::new(options),
            output,
            events,
            phase: Phase::Starting,
            documents: BTreeMap::new(),
            units: HashMap::new(),
            generations: 0,
            versioned_edits: false,
        }
    }

    fn serve(mut self, events: &Receiver<Event>) -> Result<(), Error> {
        loop {
            let mut touched = BTreeSet::new();
            // The server holds a sender itself: the channel cannot close.
            let event = events.recv().map_err(|_| Error::Disconnected)?;
            if self.handle(event, &mut touched)? == Flow::Stop {
                return Ok(());
            }
            // Events already waiting (a burst of keystrokes) are handled before linting, so
            // that a unit is linted once for all of them rather than once for each.
            while let Ok(event) = events.try_recv() {
                if self.handle(event, &mut touched)? == Flow::Stop {
                    return Ok(());
                }
            }
            for unit in touched {
                self.start(unit);
            }
        }
    }

    /// Handles one event; the units whose documents changed go to `touched`.
    fn handle(&mut self, event: Event, touched: &mut BTreeSet<Unit>) -> Result<Flow, Error> {
        match event {
            Event::Frame(Frame::Message(message)) => return self.message(message, touched),
            Event::Frame(Frame::Refused(refusal)) => self.send(&refusal)?,
            Event::Ended(Ok(())) => return Err(Error::Disconnected),
            Event::Ended(Err(error)) => return Err(Error::Io(error)),
            Event::Linted(linted) => self.linted(linted, touched)?,
        }
        Ok(Flow::Continue)
    }

    fn message(&mut self, message: Message, touched: &mut BTreeSet<Unit>) -> Result<Flow, Error> {
        match message {
            Message::Request(request) => self.request(request)?,
            Message::Notification(notification) if notification.method == "exit" => {
                return match self.phase {
                    Phase::ShutDown => Ok(Flow::Stop),
                    Phase::Starting | Phase::Running => Err(Error::ExitWithoutShutdown),
                };
            }
            // Before `initialize` and after `shutdown`, the protocol has notifications dropped.
            Message::Notification(notification) if self.phase == Phase::Running => {
                self.notified(notification, touched)?;
            }
            Message::Notification(_) | Message::Response(_) => {}
        }
        Ok(Flow::Continue)
    }

    fn request(&mut self, request: Request) -> Result<(), Error> {
        let Request { id, method, params } = request;
        let method_name = printable(&method);
        let response = match (&self.phase, method.as_str()) {
            (Phase::Starting, "initialize") => {
                self.phase = Phase::Running;
                let versioned = "/capabilities/workspace/workspaceEdit/documentChanges";
                self.versioned_edits = params.pointer(versioned) == Some(&true.into());
                Response {
                    id,
                    response_result: Ok(serde_json::to_value(capabilities())?),
                }
            }
            (Phase::Starting, _) => Response::new_err(
                id,
                ErrorCode::ServerNotInitialized as i32,
                format!("`{method_name}` before `initialize`"),
            ),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Response {
                    id,
                    response_result: Ok(serde_json::Value::Null),
                }
            }
            (Phase::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<CodeActionParams>(params) {
                    Ok(params) => Response {
                        id,
                        response_result: Ok(serde_json::to_value(self.quick_fixes(&params))?),
                    },
                    Err(error) => Response::new_err(
                        id,
                        ErrorCode::InvalidParams as i32,
                        format!("`{method_name}` with malformed parameters: {error}"),
                    ),
                }
            }
            (Phase::Running, "initialize") => Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is initialized already".to_owned(),
            ),
            (Phase::Running, _) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("irlint does not serve `{method_name}`"),
            ),
            (Phase::ShutDown, _) => Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                format!("`{method_name}` after `shutdown`"),
            ),
        };
        self.send(&Message::Response(response))
    }

    fn notified(
        &mut self,
        notification: Notification,
        touched: &mut BTreeSet<Unit>,
    ) -> Result<(), Error> {
        let Notification { method, params } = notification;
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(DidOpenTextDocumentParams { text_document }) =
                    self.params(&method, params)?
                else {
                    return Ok(());
                };
                // Documents that are not files (an unsaved buffer) are not linted: irlint lints
                // units on disk.
                if let Some(path) = file_path(&text_document.uri) {
                    let document = Document {
                        version: text_document.version,
                        text: text_document.text,
                        unit: None,
                    };
                    let before = self.documents.insert(path.clone(), document);
                    self.regroup(&path, before.and_then(|before| before.unit), touched)?;
                }
            }
            DidChangeTextDocument::METHOD => {
                let Some(DidChangeTextDocumentParams {
                    text_document,
                    content_changes,
                }) = self.params(&method, params)?
                else {
                    return Ok(());
                };
                // Full synchronization: the last change whose range is absent is the whole text.
                let text = content_changes
                    .into_iter()
                    .rev()
                    .find(|change| change.range.is_none())
                    .map(|change| change.text);
                let version = Some(text_document.version);
                self.update(&text_document.uri, version, text, false, touched)?;
            }
            DidSaveTextDocument::METHOD => {
                let Some(DidSaveTextDocumentParams {
                    text_document,
                    text,
                }) = self.params(&method, params)?
                else {
                    return Ok(());
                };
                // Saving may be what creates or deletes the files that decide the unit (a
                // `Pulumi.yaml`): it is found again.
                self.update(&text_document.uri, None, text, true, touched)?;
            }
            DidCloseTextDocument::METHOD => {
                let Some(DidCloseTextDocumentParams { text_document }) =
                    self.params(&method, params)?
                else {
                    return Ok(());
                };
                let Some(path) = file_path(&text_document.uri) else {
                    return Ok(());
                };
                if let Some(document) = self.documents.remove(&path) {
                    self.publish(&path, Vec::new())?;
                    if let Some(unit) = document.unit {
                        self.leave(&path, unit, touched)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Records an open document's version and text (`None`: unchanged) and marks its unit for
    /// linting, found again with `regroup`.
    fn update(
        &mut self,
        uri: &Url,
        version: Option<i32>,
        text: Option<String>,
        regroup: bool,
        touched: &mut BTreeSet<Unit>,
    ) -> Result<(), Error> {
        let Some(path) = file_path(uri) else {
            return Ok(());
        };
        let Some(document) = self.documents.get_mut(&path) else {
            return Ok(());
        };
        if let Some(version) = version {
            document.version = version;
        }
        if let Some(text) = text {
            document.text = text;
        }
        let unit = document.unit.clone();
        if regroup {
            return self.regroup(&path, unit, touched);
        }
        if let Some(unit) = unit {
            self.touch(unit, touched);
        }
        Ok(())
    }

    /// Finds the unit of the open document at `path` and marks it for linting; the unit it
    /// belonged to `before`, if another, lets it go.
    fn regroup(
        &mut self,
        path: &Path,
        before: Option<Unit>,
        touched: &mut BTreeSet<Unit>,
    ) -> Result<(), Error> {
        let unit = Unit::of(path);
        if let Some(document) = self.documents.get_mut(path) {
            document.unit.clone_from(&unit);
        }
        if let Some(before) = before.filter(|before| Some(before) != unit.as_ref()) {
            self.leave(path, before, touched)?;
        }
        match unit {
            Some(unit) => {
                self.touch(unit, touched);
                Ok(())
            }
            None => self.publish(path, Vec::new()),
        }
    }

    /// The document at `path` no longer belongs to `unit` (closed, or found in another unit):
    /// the unit is linted again without its text, or, when none of its documents is open any
    /// more, its diagnostics are cleared and it is forgotten, so that a lint of it still running
    /// is not published.
    fn leave(
        &mut self,
        path: &Path,
        unit: Unit,
        touched: &mut BTreeSet<Unit>,
    ) -> Result<(), Error> {
        if let Some(state) = self.units.get_mut(&unit) {
            state.published.remove(path);
        }
        if self
            .documents
            .values()
            .any(|document| document.unit.as_ref() == Some(&unit))
        {
            self.touch(unit, touched);
            return Ok(());
        }
        if let Some(state) = self.units.remove(&unit) {
            for file in state.published {
                self.publish(&file, Vec::new())?;
            }
        }
        Ok(())
    }

    /// Gives the unit a new generation: what is linting it now is out of date.
    fn touch(&mut self, unit: Unit, touched: &mut BTreeSet<Unit>) {
        self.generations += 1;
        self.units.entry(unit.clone()).or_default().generation = self.generations;
        touched.insert(unit);
    }

    /// Starts a lint of the unit on rayon's pool, unless one is running: that one's result will
    /// be out of date, and the unit is linted again when it ends. So each unit has one lint
    /// running at most, and a burst of changes costs two lints, not one per change.
    fn start(&mut self, unit: Unit) {
        let Some(state) = self.units.get_mut(&unit) else {
            return;
        };
        if state.linting.is_some() {
            return;
        }
        state.linting = Some(state.generation);
        let overlay = self
            .documents
            .iter()
            .filter(|(_, document)| document.unit.as_ref() == Some(&unit))
            .map(|(path, document)| (path.clone(), document.text.clone()))
            .collect();
        let job = Job {
            unit,
            generation: state.generation,
            overlay,
            options: Arc::clone(&self.options),
        };
        let events = self.events.clone();
        rayon::spawn(move || {
            // The loop is gone only when the server stops.
            let _ = events.send(Event::Linted(job.run()));
        });
    }

    /// Publishes a lint's diagnostics, if it is the unit's newest; otherwise has the unit
    /// linted again.
    fn linted(&mut self, linted: Linted, touched: &mut BTreeSet<Unit>) -> Result<(), Error> {
        let Some(state) = self.units.get_mut(&linted.unit) else {
            return Ok(());
        };
        if state.linting == Some(linted.generation) {
            state.linting = None;
        }
        if linted.generation != state.generation {
            if state.linting.is_none() {
                touched.insert(linted.unit);
            }
            return Ok(());
        }
        if self.phase != Phase::Running {
            return Ok(());
        }
        let Linted {
            unit,
            mut diagnostics,
            logs,
            ..
        } = linted;
        // Every open document of the unit is published, empty when clean, and so is every file
        // of it that had diagnostics, so that what became clean is cleared.
        for (path, document) in &self.documents {
            if document.unit.as_ref() == Some(&unit) {
                diagnostics.entry(path.clone()).or_default();
            }
        }
        for path in &state.published {
            diagnostics.entry(path.clone()).or_default();
        }
        state.published = diagnostics
            .iter()
            .filter(|(_, diagnostics)| !diagnostics.is_empty())
            .map(|(path, _)| path.clone())
            .collect();
        for (typ, message) in logs {
            self.log(typ, message)?;
        }
        for (path, diagnostics) in diagnostics {
            self.publish(&path, diagnostics)?;
        }
        Ok(())
    }

    /// The quick fixes of the diagnostics a code action request names, on the texts of the
    /// open documents or else of the files.
    fn quick_fixes(&self, params: &CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let text_of = |uri: &Url| {
            let path = file_path(uri)?;
            match self.documents.get(&path) {
                Some(document) => Some(actions::Text {
                    text: document.text.clone(),
                    version: Some(document.version),
                }),
                None => Some(actions::Text {
                    text: read_text(&path)?,
                    version: None,
                }),
            }
        };
        actions::quick_fixes(params, text_of, self.versioned_edits)
    }

    /// Deserializes a notification's parameters; malformed ones are logged and the
    /// notification ignored.
    fn params<P: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        params: serde_json::Value,
    ) -> Result<Option<P>, Error> {
        match serde_json::from_value(params) {
            Ok(params) => Ok(Some(params)),
            Err(error) => {
                let message = format!("ignored `{method}` with malformed parameters: {error}");
                self.log(MessageType::ERROR, message)?;
                Ok(None)
            }
        }
    }

    fn send(&self, message: &impl Serialize) -> Result<(), Error> {
        let body = transport::encode(message)?;
        self.output.send(body).map_err(|_| Error::Disconnected)
    }

    fn notify<N: lsp_types::notification::Notification>(
        &self,
        params: N::Params,
    ) -> Result<(), Error> {
        let params = serde_json::to_value(params)?;
        self.send(&Message::Notification(Notification {
            method: N::METHOD.to_owned(),
            params,
        }))
    }

    /// Publishes a file's diagnostics, with the version of its open document.
    fn publish(&self, path: &Path, diagnostics: Vec<Diagnostic>) -> Result<(), Error> {
        let Ok(uri) = Url::from_file_path(path) else {
            return Ok(());
        };
        let version = self.documents.get(path).map(|document| document.version);
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        })
    }

    /// Logs a message in the client's output; what it quotes from files and configuration is
    /// escaped, as on a terminal.
    fn log(&self, typ: MessageType, message: String) -> Result<(), Error> {
        let message = printable(&message).into_owned();
        self.notify::<LogMessage>(LogMessageParams { typ, message })
    }
}

/// The text of a file that is not open, as the linter reads it: at most
/// [`crate::lint::MAX_FILE_SIZE`], without a byte order mark.
fn read_text(path: &Path) -> Option<String> {
    let metadata = path.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > crate::lint::MAX_FILE_SIZE {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text),
    )
}

fn file_path(uri: &Url) -> Option<PathBuf> {
    (uri.scheme() == "file")
        .then(|| uri.to_file_path().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_file_uris_are_linted() {
        let uri = Url::parse("file:///work/infra/main.tf").expect("a URI");
        assert_eq!(file_path(&uri), Some(PathBuf::from("/work/infra/main.tf")));
        let untitled = Url::parse("untitled:Untitled-1").expect("a URI");
        assert_eq!(file_path(&untitled), None);
    }
}
