//! Quick fixes: the fixes findings carry ([`crate::finding::Fix`]), offered as code actions on
//! their diagnostics.
//!
//! A diagnostic carries its finding's fix in its `data`, which the client hands back with the
//! diagnostics it asks actions for: where the fix edits, the text it replaces there, and the
//! text it writes. The server needs no memory of what it published, and offers the fix only
//! while the text there is still the one the finding was made on: an edit typed since, which
//! the server has or has not linted yet, is never overwritten.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, DocumentChanges,
    OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, TextDocumentEdit, TextEdit,
    Url, WorkspaceEdit,
};
use serde::{Deserialize, Serialize};

use super::SOURCE;

/// A fix, as its diagnostic's `data` carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixData {
    /// What the action is called in the editor's menu.
    pub title: String,
    /// The file the fix edits (most often the diagnostic's own).
    pub uri: Url,
    pub range: Range,
    /// The text at `range` the fix was made for.
    pub replaced: String,
    pub new_text: String,
}

/// A document's text as the server has it, with its version when the editor has it open.
pub struct Text {
    pub text: String,
    pub version: Option<i32>,
}

/// The quick fixes of the irlint diagnostics the client names, as edits of the texts
/// `text_of` gives: versioned document edits when the client takes them (it then refuses an
/// edit of a document that changed since), plain changes otherwise.
pub fn quick_fixes(
    params: &CodeActionParams,
    text_of: impl Fn(&Url) -> Option<Text>,
    versioned: bool,
) -> Vec<CodeActionOrCommand> {
    let wanted = params.context.only.as_ref().is_none_or(|kinds| {
        (kinds.iter())
            .any(|kind| *kind == CodeActionKind::QUICKFIX || *kind == CodeActionKind::EMPTY)
    });
    if !wanted {
        return Vec::new();
    }
    (params.context.diagnostics.iter())
        .filter(|diagnostic| diagnostic.source.as_deref() == Some(SOURCE))
        .filter_map(|diagnostic| {
            let fix: FixData = serde_json::from_value(diagnostic.data.clone()?).ok()?;
            let Text { text, version } = text_of(&fix.uri)?;
            let start = byte_offset(&text, fix.range.start)?;
            let end = byte_offset(&text, fix.range.end)?;
            if text.get(start..end)? != fix.replaced {
                return None;
            }
            Some(CodeActionOrCommand::CodeAction(quick_fix(
                diagnostic, fix, version, versioned,
            )))
        })
        .collect()
}

fn quick_fix(
    diagnostic: &Diagnostic,
    fix: FixData,
    version: Option<i32>,
    versioned: bool,
) -> CodeAction {
    let edit = TextEdit {
        range: fix.range,
        new_text: fix.new_text,
    };
    let edit = match versioned {
        true => WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: fix.uri,
                    version,
                },
                edits: vec![OneOf::Left(edit)],
            }])),
            ..WorkspaceEdit::default()
        },
        false => WorkspaceEdit {
            changes: Some(HashMap::from([(fix.uri, vec![edit])])),
            ..WorkspaceEdit::default()
        },
    };
    CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        is_preferred: Some(true),
        ..CodeAction::default()
    }
}

/// The byte offset of an LSP position (a line from 0, UTF-16 code units into it), `None` past
/// the end of its line or inside a character.
fn byte_offset(text: &str, position: Position) -> Option<usize> {
    let line = usize::try_from(position.line).ok()?;
    let line_start = match line {
        0 => 0,
        line => memchr::memchr_iter(b'\n', text.as_bytes()).nth(line - 1)? + 1,
    };
    let wanted = usize::try_from(position.character).ok()?;
    let mut units = 0;
    for (at, c) in text[line_start..].char_indices() {
        if units == wanted {
            return Some(line_start + at);
        }
        if c == '\n' || units > wanted {
            return None;
        }
        units += c.len_utf16();
    }
    (units == wanted).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn positions_count_utf16_code_units_within_their_line() {
        // `é` is one unit in two bytes, `𝄞` two units in four bytes.
        let text = "ab\né𝄞x\nlast";
        assert_eq!(byte_offset(text, position(0, 0)), Some(0));
        assert_eq!(byte_offset(text, position(0, 2)), Some(2), "the line's end");
        assert_eq!(
            byte_offset(text, position(0, 3)),
            None,
            "past the line's end"
        );
        assert_eq!(byte_offset(text, position(1, 1)), Some(5));
        assert_eq!(byte_offset(text, position(1, 2)), None, "inside `𝄞`");
        assert_eq!(byte_offset(text, position(1, 3)), Some(9));
        assert_eq!(byte_offset(text, position(2, 4)), Some(text.len()));
        assert_eq!(byte_offset(text, position(2, 5)), None);
        assert_eq!(byte_offset(text, position(3, 0)), None, "no such line");
    }

    fn diagnostic(fix: &FixData) -> Diagnostic {
        Diagnostic {
            source: Some(SOURCE.to_owned()),
            data: Some(serde_json::to_value(fix).expect("serializable")),
            ..Diagnostic::default()
        }
    }

    fn params(diagnostics: Vec<Diagnostic>, only: Option<Vec<CodeActionKind>>) -> CodeActionParams {
        let uri = Url::parse("file:///infra/main.tf").expect("a URI");
        serde_json::from_value(serde_json::json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": diagnostics, "only": only },
        }))
        .expect("code action parameters")
    }

    #[test]
    fn a_fix_is_offered_only_while_its_text_is_there() {
        let uri = Url::parse("file:///infra/main.tf").expect("a URI");
        let fix = FixData {
            title: "IRL012: replace with us-west-2".to_owned(),
            uri: uri.clone(),
            range: Range::new(position(1, 10), position(1, 19)),
            replaced: "us-wset-2".to_owned(),
            new_text: "us-west-2".to_owned(),
        };
        let foreign = Diagnostic {
            source: Some("another".to_owned()),
            ..diagnostic(&fix)
        };
        let asked = params(vec![diagnostic(&fix), foreign], None);
        let text = |text: &'static str| {
            move |_: &Url| {
                Some(Text {
                    text: text.to_owned(),
                    version: Some(3),
                })
            }
        };
        let actions = quick_fixes(&asked, text("x\n  name = \"us-wset-2\"\n"), true);
        assert_eq!(actions.len(), 1, "{actions:?}");
        let CodeActionOrCommand::CodeAction(action) = &actions[0] else {
            panic!("a code action: {actions:?}");
        };
        assert_eq!(action.is_preferred, Some(true));
        let Some(DocumentChanges::Edits(edits)) = action
            .edit
            .as_ref()
            .and_then(|e| e.document_changes.clone())
        else {
            panic!("document edits: {action:?}");
        };
        assert_eq!(edits[0].text_document.version, Some(3));
        // Typed over since: no action.
        let typed = quick_fixes(&asked, text("x\n  name = \"us-west-2\"\n"), true);
        assert!(typed.is_empty(), "{typed:?}");
        // The client asked for refactorings only.
        let refactorings = params(vec![diagnostic(&fix)], Some(vec![CodeActionKind::REFACTOR]));
        assert!(quick_fixes(&refactorings, text("x\n  name = \"us-wset-2\"\n"), true).is_empty());
    }
}
