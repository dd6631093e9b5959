//! A YAML or JSON document as one tree of nodes with byte spans, whether it was written in YAML or
//! in JSON, so that the logic of the formats written in them (CloudFormation templates, Pulumi
//! projects and stacks) is written once. CloudFormation's intrinsic functions (`!Ref`,
//! `{"Fn::Sub": …}`) are recognised while reading.
//!
//! YAML is read from saphyr's event parser rather than its loader: the loader recurses once per
//! nesting level and overflows the stack on deeply nested input, while the event parser keeps
//! its state on the heap. JSON is read with jsonc-parser (in strict mode), because saphyr rejects
//! the surrogate-pair escapes (`\ud83d\ude00`) that JSON serialisers write for characters outside
//! the Basic Multilingual Plane. YAML that saphyr rejects for the indentation of a flow
//! collection or quoted string, and libyaml accepts, is read as libyaml reads it ([`indentation`]).

mod indentation;

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use jsonc_parser::ast;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

use crate::source::{CharOffsets, FileId, Span};

/// How deep collections may nest. Real templates stay far below; the limit keeps the recursive
/// walks over the tree (evaluation, dropping it) within any thread's stack.
const MAX_DEPTH: usize = 256;

/// How large the trees that YAML aliases stand for may be in all, in bytes of memory (nodes and
/// their text) as if each alias were a copy of its anchored node, in one file. Aliases share the
/// anchored node, but the evaluators walk each occurrence: nested aliases ("billion laughs") or
/// one long string repeated would make that walk, or the strings it yields, blow up. Real
/// documents repeat a few small blocks.
const ALIAS_BUDGET: usize = 8 * 1024 * 1024;

/// The YAML short forms of intrinsic functions, each spelled `!Name` for `Fn::Name` (except
/// `!Ref` and `!Condition`, which have no `Fn::` prefix).
const SHORT_FORMS: &[&str] = &[
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "If",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Equals",
    "Not",
    "And",
    "Or",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// A node's children are shared (`Rc`): an anchored node is in the tree and in the anchor table,
/// and each alias of it is in the tree again, without a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A string, number or boolean as written: CloudFormation hands all of them on as strings.
    Scalar(String),
    Null,
    Sequence(Rc<Vec<Node>>),
    /// Entries in document order, each key once: a repeated key keeps its last value.
    Mapping(Rc<Vec<Entry>>),
    /// `{"Ref": …}`, `{"Fn::Sub": …}` or a YAML short form such as `!Sub …`. `function` is the
    /// long name (`Ref`, `Fn::Sub`), or the tag as written (`!Foo`) for a tag that is no
    /// intrinsic function.
    Intrinsic {
        function: String,
        argument: Rc<Node>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// Why a template could not be read, and where.
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// A document that was read: its root (`None` when the text holds no document at all), and
/// each repetition of a key in a mapping. YAML forbids those and JSON leaves them undefined;
/// CloudFormation keeps the last value, and so does the tree, but a reader of the file may see
/// the first: each is an error that does not stop the reading.
#[derive(Debug)]
pub struct Document {
    pub root: Option<Node>,
    pub repeated_keys: Vec<SyntaxError>,
}

impl Node {
    fn scalar(span: Span, text: impl Into<String>) -> Node {
        Node {
            span,
            kind: NodeKind::Scalar(text.into()),
        }
    }

    /// A mapping, or the intrinsic function call that a mapping with the single key `Ref` or
    /// `Fn::…` stands for. A repeated key keeps its last value; its repetitions are added to
    /// `repeated_keys`.
    fn mapping(span: Span, mut entries: Vec<Entry>, repeated_keys: &mut Vec<SyntaxError>) -> Node {
        let mut last = HashMap::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            if last.insert(entry.key.as_str(), index).is_some() {
                repeated_keys.push(SyntaxError {
                    span: entry.key_span,
                    message: format!(
                        "the key `{}` is repeated in its mapping: only its last value is read",
                        entry.key
                    ),
                });
            }
        }
        let kept: Vec<bool> = entries
            .iter()
            .enumerate()
            .map(|(index, entry)| last.get(entry.key.as_str()) == Some(&index))
            .collect();
        let mut kept = kept.into_iter();
        entries.retain(|_| kept.next().unwrap_or(true));
        if let [entry] = entries.as_slice()
            && (entry.key == "Ref" || entry.key.starts_with("Fn::"))
            && let Some(entry) = entries.pop()
        {
            return Node {
                span,
                kind: NodeKind::Intrinsic {
                    function: entry.key,
                    argument: Rc::new(entry.value),
                },
            };
        }
        Node {
            span,
            kind: NodeKind::Mapping(Rc::new(entries)),
        }
    }

    /// The value of a mapping's key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| &entry.value)
    }

    /// A mapping's entries; none for any other node.
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Mapping(entries) => entries,
            _ => &[],
        }
    }

    pub fn is_mapping(&self) -> bool {
        matches!(self.kind, NodeKind::Mapping(_))
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// The function and argument of an intrinsic function call.
    pub fn as_intrinsic(&self) -> Option<(&str, &Node)> {
        match &self.kind {
            NodeKind::Intrinsic { function, argument } => Some((function, argument)),
            _ => None,
        }
    }

    /// `!Ref AWS::NoValue`, which removes the property it is the value of.
    pub fn is_no_value(&self) -> bool {
        matches!(self.as_intrinsic(), Some(("Ref", name)) if name.as_scalar() == Some("AWS::NoValue"))
    }

    /// About how many bytes of memory a copy of the tree takes (its nodes, entries and text),
    /// or `None` once that passes `budget`.
    fn size_within(&self, budget: usize) -> Option<usize> {
        let (text, children): (usize, Box<dyn Iterator<Item = &Node>>) = match &self.kind {
            NodeKind::Scalar(text) => (text.len(), Box::new(std::iter::empty())),
            NodeKind::Null => (0, Box::new(std::iter::empty())),
            NodeKind::Sequence(items) => (0, Box::new(items.iter())),
            NodeKind::Mapping(entries) => (
                entries
                    .iter()
                    .map(|entry| size_of::<Entry>() - size_of::<Node>() + entry.key.len())
                    .sum(),
                Box::new(entries.iter().map(|entry| &entry.value)),
            ),
            NodeKind::Intrinsic { function, argument } => {
                (function.len(), Box::new(std::iter::once(argument.as_ref())))
            }
        };
        let mut size = size_of::<Node>().checked_add(text)?;
        for child in children {
            size += child.size_within(budget.checked_sub(size)?)?;
        }
        (size <= budget).then_some(size)
    }
}

/// Reads a template's text.
pub fn read(file: FileId, text: &str) -> Result<Document, SyntaxError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim_start().starts_with('{') {
        let json = read_json(file, text);
        // CloudFormation reads a template that is not JSON as YAML, and a flow-style YAML
        // template starts with `{` too; only if the text is no YAML either is it an error, and
        // then the JSON parser's message is the one that fits.
        return json.or_else(|error| read_yaml(file, text).map_err(|_| error));
    }
    read_yaml(file, text)
}

fn read_json(file: FileId, text: &str) -> Result<Document, SyntaxError> {
    let bom = text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len();
    let strict = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let span =
        |range: jsonc_parser::common::Range| Span::new(file, range.start + bom, range.end + bom);
    let parsed = jsonc_parser::parse_to_ast(&text[bom..], &Default::default(), &strict).map_err(
        |error| SyntaxError {
            span: span(error.range()),
            message: format!("invalid JSON: {}", error.kind()),
        },
    )?;
    let mut repeated_keys = Vec::new();
    let root = parsed
        .value
        .map(|value| json_node(&value, &span, 0, &mut repeated_keys))
        .transpose()?;
    Ok(Document {
        root,
        repeated_keys,
    })
}

fn json_node(
    value: &ast::Value,
    span: &impl Fn(jsonc_parser::common::Range) -> Span,
    depth: usize,
    repeated_keys: &mut Vec<SyntaxError>,
) -> Result<Node, SyntaxError> {
    let too_deep = |range| SyntaxError {
        span: span(range),
        message: format!("the document nests more than {MAX_DEPTH} levels deep"),
    };
    Ok(match value {
        ast::Value::StringLit(string) => Node::scalar(span(string.range), string.value.as_ref()),
        ast::Value::NumberLit(number) => Node::scalar(span(number.range), number.value),
        ast::Value::BooleanLit(boolean) => {
            Node::scalar(span(boolean.range), boolean.value.to_string())
        }
        ast::Value::NullKeyword(null) => Node {
            span: span(null.range),
            kind: NodeKind::Null,
        },
        ast::Value::Array(array) if depth >= MAX_DEPTH => return Err(too_deep(array.range)),
        ast::Value::Object(object) if depth >= MAX_DEPTH => return Err(too_deep(object.range)),
        ast::Value::Array(array) => Node {
            span: span(array.range),
            kind: NodeKind::Sequence(Rc::new(
                array
                    .elements
                    .iter()
                    .map(|element| json_node(element, span, depth + 1, repeated_keys))
                    .collect::<Result<_, _>>()?,
            )),
        },
        ast::Value::Object(object) => {
            let entries = object
                .properties
                .iter()
                .map(|property| {
                    let key_range = match &property.name {
                        ast::ObjectPropName::String(name) => name.range,
                        ast::ObjectPropName::Word(name) => name.range,
                    };
                    Ok(Entry {
                        key: property.name.as_str().to_owned(),
                        key_span: span(key_range),
                        value: json_node(&property.value, span, depth + 1, repeated_keys)?,
                    })
                })
                .collect::<Result<_, _>>()?;
            Node::mapping(span(object.range), entries, repeated_keys)
        }
    })
}

/// The messages of saphyr's errors about a line indented too little, which inside a flow
/// collection or a quoted string libyaml does not make.
const INDENTATION_ERRORS: &[&str] = &[
    "invalid indentation",
    "invalid indentation in flow construct",
    "invalid indentation in quoted scalar",
    "tab cannot be used as indentation",
    "tabs disallowed within this context (block indentation)",
];

fn read_yaml(file: FileId, text: &str) -> Result<Document, SyntaxError> {
    let failure = match parse_yaml(file, text, text, &indentation::Padding::default(), false) {
        Ok((document, _)) => return Ok(document),
        Err(failure) => failure,
    };
    if !failure.indentation {
        return Err(failure.error);
    }
    // Read again with the lines of the file's under-indented flow collections and quoted
    // strings padded, if the error is inside one; an error of the padded text inside one is
    // the file's own, and is reported as saphyr first found it.
    let error = failure.error;
    let Some(repair) = indentation::repair(text).filter(|repair| repair.covers(error.span.start))
    else {
        return Err(error);
    };
    let Some((padded, padding)) = &repair.padded else {
        return Err(SyntaxError {
            message: format!(
                "{}: indent the lines of this flow collection or quoted string past its key \
                 (irlint reads them as libyaml does only while that at most doubles the file)",
                error.message
            ),
            ..error
        });
    };
    match parse_yaml(file, text, padded, padding, true) {
        Ok((document, delimited)) if repair.holds(&delimited) => Ok(document),
        Err(failure) if !repair.covers(failure.error.span.start) => Err(failure.error),
        _ => Err(error),
    }
}

/// The byte past the closing quote of the quoted string whose opening quote is at `open`,
/// past its escapes (`\"`, `''`); `None` when it does not end.
fn quoted_end(text: &[u8], open: usize) -> Option<usize> {
    let quote = *text.get(open)?;
    let mut at = open + 1;
    while let Some(&byte) = text.get(at) {
        match byte {
            b'\\' if quote == b'"' => at += 2,
            b'\'' if quote == b'\'' && text.get(at + 1) == Some(&b'\'') => at += 2,
            _ if byte == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// Why saphyr could not read a text.
struct YamlFailure {
    error: SyntaxError,
    /// Whether it is one of [`INDENTATION_ERRORS`].
    indentation: bool,
}

/// Reads a YAML text, the file's `source` or a padding of it, whose positions map to the file's
/// through `padding`; with `record_delimited`, also gives the spans of its flow collections and
/// quoted strings.
fn parse_yaml(
    file: FileId,
    source: &str,
    text: &str,
    padding: &indentation::Padding,
    record_delimited: bool,
) -> Result<(Document, Vec<Range<usize>>), YamlFailure> {
    let mut builder = YamlBuilder {
        file,
        source: source.as_bytes(),
        offsets: CharOffsets::new(text),
        padding,
        open: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: ALIAS_BUDGET,
        document: None,
        repeated_keys: Vec::new(),
        delimited: record_delimited.then(Vec::new),
    };
    let failed = |error| YamlFailure {
        error,
        indentation: false,
    };
    let read_ahead = Rc::new(ReadAhead {
        allowed: Cell::new(READ_AHEAD),
        ..ReadAhead::default()
    });
    let mut parser = Parser::new_from_iter(Counted {
        chars: text.chars(),
        read_ahead: Rc::clone(&read_ahead),
    });
    let mut last_end = None;
    let too_far = |builder: &YamlBuilder, at: Option<Marker>| {
        let at = at.map_or(0, |marker| builder.byte(&marker));
        SyntaxError {
            span: Span::new(file, at, at),
            message: format!(
                "invalid YAML: a flow collection (`[…]` or `{{…}}`) with more than {READ_AHEAD} \
                 entries where it could be a mapping key, which the YAML parser holds whole: \
                 write it in block style"
            ),
        }
    };
    while let Some(event) = parser.next_event() {
        if read_ahead.stopped.get() {
            return Err(failed(too_far(&builder, last_end)));
        }
        let (event, span) = event.map_err(|error| {
            // saphyr counts open flow collections in a byte, and says no more than this when
            // the 256th opens.
            let message = match error.info() {
                "recursion limit exceeded" => "flow collections nest more than 255 levels deep",
                info => info,
            };
            YamlFailure {
                error: builder.error(error.marker(), message),
                indentation: INDENTATION_ERRORS.contains(&error.info()),
            }
        })?;
        read_ahead
            .allowed
            .set(read_ahead.commas.get().saturating_add(READ_AHEAD));
        last_end = Some(span.end);
        if event == Event::StreamEnd {
            break;
        }
        builder.on_event(event, span).map_err(failed)?;
    }
    if read_ahead.stopped.get() {
        return Err(failed(too_far(&builder, last_end)));
    }
    Ok((
        Document {
            root: builder.document,
            repeated_keys: builder.repeated_keys,
        },
        builder.delimited.unwrap_or_default(),
    ))
}

/// How many commas the YAML parser may read beyond the last event it gave. saphyr holds every
/// token of a flow collection that may still turn out to be a mapping key (`[a, b]: c`, which
/// YAML limits to 1024 characters but saphyr does not) until the collection ends, at about 200
/// bytes a token: a 2 MiB file of nested lists took 360 MB. Each entry of a flow collection
/// ends with a comma, so this bounds what is held to a few MB; a long quoted string full of
/// commas counts too, but no real template holds one.
const READ_AHEAD: usize = 32 * 1024;

/// How far the parser has read, shared between [`Counted`] and the loop over events.
#[derive(Default)]
struct ReadAhead {
    commas: Cell<usize>,
    /// The count of commas at which reading stops.
    allowed: Cell<usize>,
    stopped: Cell<bool>,
}

/// The text handed to the parser one character at a time, ending early once the parser reads
/// more than [`READ_AHEAD`] commas ahead of its events.
struct Counted<'t> {
    chars: std::str::Chars<'t>,
    read_ahead: Rc<ReadAhead>,
}

impl Iterator for Counted<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let read_ahead = &self.read_ahead;
        if read_ahead.stopped.get() {
            return None;
        }
        let c = self.chars.next()?;
        if c == ',' {
            let commas = read_ahead.commas.get() + 1;
            if commas > read_ahead.allowed.get() {
                read_ahead.stopped.set(true);
                return None;
            }
            read_ahead.commas.set(commas);
        }
        Some(c)
    }
}

/// A collection whose end event has not come yet.
struct OpenCollection {
    start: usize,
    anchor: usize,
    /// The height of the highest child so far.
    child_height: usize,
    tag: Option<String>,
    items: OpenItems,
}

enum OpenItems {
    Sequence(Vec<Node>),
    /// `key` holds a key read before its value; `Some(None)` for a key that is not a scalar,
    /// whose entry is dropped.
    Mapping {
        entries: Vec<Entry>,
        key: Option<Option<(String, Span)>>,
    },
}

/// Builds the tree from the parser's events with an explicit stack of open collections.
struct YamlBuilder<'p> {
    file: FileId,
    /// The file's text.
    source: &'p [u8],
    /// The bytes of the text read, and where they are in the file.
    offsets: CharOffsets,
    padding: &'p indentation::Padding,
    open: Vec<OpenCollection>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_budget: usize,
    /// The first document of the stream; later ones are parsed for errors only.
    document: Option<Node>,
    repeated_keys: Vec<SyntaxError>,
    /// The spans of the flow collections and quoted strings, when asked for, in the order of
    /// the text (which is that of their ends).
    delimited: Option<Vec<Range<usize>>>,
}

impl YamlBuilder<'_> {
    fn byte(&self, marker: &Marker) -> usize {
        self.padding.original(self.offsets.byte(marker.index()))
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.file, self.byte(&span.start), self.byte(&span.end))
    }

    /// Where a quoted string whose event spans `span` ends: saphyr's span runs on over the
    /// blanks and the comment that follow the closing quote. The span starts at the string's
    /// tag or anchor, if it has any.
    fn closing_quote_end(&self, span: Span) -> usize {
        let mut at = span.start;
        while at < span.end {
            match self.source.get(at) {
                Some(b'"' | b'\'') => {
                    return quoted_end(self.source, at)
                        .filter(|&end| end <= span.end)
                        .unwrap_or(span.end);
                }
                // A tag or an anchor, which may hold a quote (`!a'b`).
                Some(b'!' | b'&') => {
                    while self
                        .source
                        .get(at)
                        .is_some_and(|byte| !byte.is_ascii_whitespace())
                    {
                        at += 1;
                    }
                }
                Some(_) => at += 1,
                None => break,
            }
        }
        span.end
    }

    /// The byte past the closing bracket of a flow collection, found from the start of its end
    /// event past commas, blanks and comments.
    fn closing_bracket_end(&self, mut at: usize) -> Option<usize> {
        loop {
            match self.source.get(at)? {
                b']' | b'}' => return Some(at + 1),
                b',' | b' ' | b'\t' | b'\r' | b'\n' => at += 1,
                b'#' => at += memchr::memchr(b'\n', &self.source[at..])?,
                _ => return None,
            }
        }
    }

    fn error(&self, marker: &Marker, message: &str) -> SyntaxError {
        let at = self.byte(marker);
        SyntaxError {
            span: Span::new(self.file, at, at),
            message: format!("invalid YAML: {message}"),
        }
    }

    fn on_event(&mut self, event: Event, span: saphyr_parser::Span) -> Result<(), SyntaxError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let mut span = self.span(span);
                if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
                    span.end = self.closing_quote_end(span);
                    if let Some(delimited) = &mut self.delimited {
                        delimited.push(span.start..span.end);
                    }
                }
                let node = scalar_node(span, text.into_owned(), style, tag.as_deref());
                self.add(node, anchor, 1);
                Ok(())
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if self.open.len() >= MAX_DEPTH {
                    return Err(self.error(
                        &span.start,
                        &format!("the document nests more than {MAX_DEPTH} levels deep"),
                    ));
                }
                let items = if matches!(event, Event::SequenceStart(..)) {
                    OpenItems::Sequence(Vec::new())
                } else {
                    OpenItems::Mapping {
                        entries: Vec::new(),
                        key: None,
                    }
                };
                self.open.push(OpenCollection {
                    start: self.byte(&span.start),
                    anchor,
                    child_height: 0,
                    tag: tag.as_deref().and_then(intrinsic_name),
                    items,
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(collection) = self.open.pop() else {
                    return Ok(());
                };
                // A flow collection's end event spans its closing bracket, or starts at the
                // comma before it (`{a: b,}`), or runs on over the blanks and comment after it;
                // a block collection's is empty and placed at the next token, past comments and
                // blank lines, so the block ends with its last child instead.
                let last_end = match &collection.items {
                    OpenItems::Sequence(items) => items.last().map(|item| item.span.end),
                    OpenItems::Mapping { entries, .. } => {
                        entries.last().map(|entry| entry.value.span.end)
                    }
                };
                let end = if span.is_empty() {
                    last_end.unwrap_or(collection.start)
                } else {
                    let end = self
                        .closing_bracket_end(self.byte(&span.start))
                        .unwrap_or_else(|| self.byte(&span.end));
                    if let Some(delimited) = &mut self.delimited {
                        delimited.push(collection.start..end);
                    }
                    end
                };
                let span = Span::new(self.file, collection.start, end);
                let node = match collection.items {
                    OpenItems::Sequence(items) => Node {
                        span,
                        kind: NodeKind::Sequence(Rc::new(items)),
                    },
                    OpenItems::Mapping { entries, .. } => {
                        Node::mapping(span, entries, &mut self.repeated_keys)
                    }
                };
                let node = match collection.tag {
                    Some(function) => Node {
                        span,
                        kind: NodeKind::Intrinsic {
                            function,
                            argument: Rc::new(node),
                        },
                    },
                    None => node,
                };
                self.add(node, collection.anchor, collection.child_height + 1);
                Ok(())
            }
            Event::Alias(anchor) => {
                let Some((node, height)) = self.anchors.get(&anchor) else {
                    return Err(self.error(&span.start, "an alias to an unknown anchor"));
                };
                let Some(size) = node.size_within(self.alias_budget) else {
                    return Err(self.error(
                        &span.start,
                        &format!(
                            "aliases expand to more than {} MiB",
                            ALIAS_BUDGET / (1024 * 1024)
                        ),
                    ));
                };
                if self.open.len() + height > MAX_DEPTH {
                    return Err(self.error(
                        &span.start,
                        &format!("the document nests more than {MAX_DEPTH} levels deep"),
                    ));
                }
                self.alias_budget -= size;
                let mut node = node.clone();
                let height = *height;
                node.span = self.span(span);
                self.add(node, 0, height);
                Ok(())
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => Ok(()),
        }
    }

    /// Places a finished node of the given height (1 for a scalar) into its parent, or makes it
    /// the document.
    fn add(&mut self, node: Node, anchor: usize, height: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), height));
        }
        let Some(parent) = self.open.last_mut() else {
            self.document.get_or_insert(node);
            return;
        };
        parent.child_height = parent.child_height.max(height);
        match &mut parent.items {
            OpenItems::Sequence(items) => items.push(node),
            OpenItems::Mapping { entries, key } => match key.take() {
                None => {
                    *key = Some(match node.kind {
                        NodeKind::Scalar(text) => Some((text, node.span)),
                        NodeKind::Null => Some((String::new(), node.span)),
                        _ => None,
                    });
                }
                Some(Some((key, key_span))) => entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                }),
                Some(None) => {}
            },
        }
    }
}

/// The long name of the intrinsic function a tag stands for, or the tag itself when it is none;
/// `None` for the core schema's tags (`!!str`), which only say how to read a scalar.
fn intrinsic_name(tag: &Tag) -> Option<String> {
    if tag.is_yaml_core_schema() {
        return None;
    }
    if tag.handle == "!" {
        return Some(match tag.suffix.as_str() {
            "Ref" | "Condition" => tag.suffix.clone(),
            name if SHORT_FORMS.contains(&name) => format!("Fn::{name}"),
            _ => tag.to_string(),
        });
    }
    Some(tag.to_string())
}

/// A scalar as the YAML 1.2 core schema reads it: plain `null`, `~` and nothing are null,
/// everything else is kept as text.
fn scalar_node(span: Span, text: String, style: ScalarStyle, tag: Option<&Tag>) -> Node {
    let function = tag.and_then(intrinsic_name);
    let forced_string = tag.is_some_and(|tag| tag.is_yaml_core_schema() && tag.suffix == "str");
    let is_null = style == ScalarStyle::Plain
        && function.is_none()
        && !forced_string
        && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
    let node = if is_null {
        Node {
            span,
            kind: NodeKind::Null,
        }
    } else {
        Node::scalar(span, text)
    };
    match function {
        Some(function) => Node {
            span,
            kind: NodeKind::Intrinsic {
                function,
                argument: Rc::new(node),
            },
        },
        None => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        read(FileId(0), text)
            .expect("a document")
            .root
            .expect("a root")
    }

    fn items(node: &Node) -> &Rc<Vec<Node>> {
        match &node.kind {
            NodeKind::Sequence(items) => items,
            other => panic!("a sequence, not {other:?}"),
        }
    }

    #[test]
    fn an_alias_shares_its_anchored_node() {
        let text = "a: &x [1, [2]]\nb: *x\n";
        let root = root(text);
        let (anchored, alias) = (root.get("a").expect("a"), root.get("b").expect("b"));
        assert!(Rc::ptr_eq(items(anchored), items(alias)));
        assert_eq!(&text[alias.span.start..alias.span.end], "*x");
        assert_eq!(anchored.kind, alias.kind);
    }

    #[test]
    fn nested_anchors_around_a_long_list_copy_nothing() {
        let count = 120;
        let anchors: String = (0..count).map(|n| format!("&a{n} [")).collect();
        let list = vec!["x"; 20_000].join(",");
        let text = format!(
            "k: {anchors}{list}{}\nl: *a{}\n",
            "]".repeat(count),
            count - 1
        );
        let root = root(&text);
        let mut node = root.get("k").expect("k");
        for _ in 1..count {
            node = &items(node)[0];
        }
        assert_eq!(items(node).len(), 20_000);
        assert!(Rc::ptr_eq(items(node), items(root.get("l").expect("l"))));
    }

    #[test]
    fn aliases_count_the_whole_tree_they_stand_for() {
        // Each alias of the outer anchor stands for the 100,000 items below it, about 5.6 MB:
        // the second passes the budget, though nothing is copied.
        let list: String = "  - x\n".repeat(100_000);
        let text = format!("a: &outer\n- &inner\n{list}b: *outer\nc: *outer\n");
        let Err(error) = read(FileId(0), &text) else {
            panic!("past the budget");
        };
        assert!(error.message.contains("aliases expand to more than 8 MiB"));
        assert_eq!(error.span.start, text.len() - "*outer\n".len());
        assert!(
            read(
                FileId(0),
                &format!("a: &outer\n- &inner\n{list}b: *outer\n")
            )
            .is_ok()
        );
    }

    #[test]
    fn a_long_flow_collection_that_could_be_a_key_is_an_error() {
        let list = vec!["x"; READ_AHEAD + 100].join(",");
        for text in [
            format!("[[{list}]]"),
            format!("a:\n  - [{list}]\n"),
            format!("a: [&b [{list}]]\n"),
        ] {
            let Err(error) = read(FileId(0), &text) else {
                panic!("read {} bytes too far ahead", text.len());
            };
            assert!(
                error.message.contains("more than 32768 entries"),
                "{}",
                error.message
            );
        }
        // As a mapping's value in block style, the list is no key and is not held.
        let root = root(&format!("a: [{list}]\n"));
        assert_eq!(items(root.get("a").expect("a")).len(), READ_AHEAD + 100);
    }

    /// A node as a short text: scalars as Rust strings, `[…]`, `{key: …}`, `Fn::Sub …`.
    fn shape(node: &Node) -> String {
        let list = |parts: Vec<String>| parts.join(", ");
        match &node.kind {
            NodeKind::Scalar(text) => format!("{text:?}"),
            NodeKind::Null => "null".to_owned(),
            NodeKind::Sequence(items) => format!("[{}]", list(items.iter().map(shape).collect())),
            NodeKind::Mapping(entries) => format!(
                "{{{}}}",
                list(
                    entries
                        .iter()
                        .map(|entry| format!("{}: {}", entry.key, shape(&entry.value)))
                        .collect()
                )
            ),
            NodeKind::Intrinsic { function, argument } => format!("{function} {}", shape(argument)),
        }
    }

    fn spanned<'t>(text: &'t str, node: &Node) -> &'t str {
        &text[node.span.start..node.span.end]
    }

    /// Whether saphyr alone rejects a text for the indentation of one of its lines.
    fn saphyr_rejects_indentation(text: &str) -> bool {
        let padding = indentation::Padding::default();
        parse_yaml(FileId(0), text, text, &padding, false).is_err_and(|failure| failure.indentation)
    }

    /// Reads `a:\n  k: <value>\n  after: y\n`, which saphyr alone rejects, and checks that
    /// `after` is where the file has it; gives the text and `k`.
    fn read_value(value: &str) -> (String, Node) {
        let text = format!("a:\n  k: {value}\n  after: y\n");
        assert!(saphyr_rejects_indentation(&text), "{text:?}");
        let root = root(&text);
        let a = root.get("a").expect("a");
        let after = a.get("after").expect("after");
        assert_eq!(after.span.start, text.len() - "y\n".len(), "{text:?}");
        assert_eq!(spanned(&text, after), "y");
        let key = &a.entries()[1];
        assert_eq!(&text[key.key_span.start..key.key_span.end], "after");
        let k = a.get("k").expect("k").clone();
        (text, k)
    }

    #[test]
    fn a_flow_collection_not_indented_past_its_key_is_read_as_libyaml_reads_it() {
        // Each as PyYAML 6 with libyaml reads it.
        for (value, expected) in [
            // The closing bracket at the key's column after a double-quoted, a single-quoted
            // or a last item followed by a comma.
            ("[\n    \"/bin/bash\"\n  ]", r#"["/bin/bash"]"#),
            ("[\n    '/bin/bash'\n  ]", r#"["/bin/bash"]"#),
            ("[\n    \"a\",\n    \"b\",\n  ]", r#"["a", "b"]"#),
            // Less indented than the key, items too, and a comma starting a line.
            ("[\n    \"a\"\n]", r#"["a"]"#),
            ("[\n  \"a\",\n  b\n  ]", r#"["a", "b"]"#),
            ("[\n\"a\",\nb c\n]", r#"["a", "b c"]"#),
            ("[\n    \"a\"\n  , \"b\"]", r#"["a", "b"]"#),
            ("[\n\t\"a\"\n  ]", r#"["a"]"#),
            // Nested collections, flow mappings with JSON-style keys, comments.
            ("[\n    [\"a\",\n  \"b\"\n  ]\n  ]", r#"[["a", "b"]]"#),
            (
                "{\n    A: \"x\", # \"\n\"B\":\"y\" # ]\n  } # c",
                r#"{A: "x", B: "y"}"#,
            ),
            (
                "!Join [\"\", [\n\"a\",\n\"b\"\n]]",
                r#"Fn::Join ["", ["a", "b"]]"#,
            ),
        ] {
            let (text, k) = read_value(value);
            assert_eq!(shape(&k), expected, "{text:?}");
            assert_eq!(spanned(&text, &k), value.trim_end_matches(" # c"));
        }
    }

    #[test]
    fn a_quoted_string_continued_at_its_key_is_read_as_libyaml_reads_it() {
        for (value, expected) in [
            (
                "\"first line\n  continued here\"",
                r#""first line continued here""#,
            ),
            ("\"first line\ncontinued\"", r#""first line continued""#),
            ("'it''s\n  here'", r#""it's here""#),
            ("\"a\n\n  b\"", r#""a\nb""#),
            ("\"a \\\n  b\"", r#""a b""#),
            ("\"a\n\tb\"", r#""a b""#),
            (
                "!Sub \"${AWS::Region}\n  x\"",
                r#"Fn::Sub "${AWS::Region} x""#,
            ),
        ] {
            let (text, k) = read_value(value);
            assert_eq!(shape(&k), expected, "{text:?}");
            assert_eq!(spanned(&text, &k), value);
        }
        // A sequence entry, a key of the document, CRLF line endings.
        for (text, expected) in [
            ("k:\n  - \"a\n b\"\n", r#"{k: ["a b"]}"#),
            ("k: \"a\nb\"\nl: [\n]\n", r#"{k: "a b", l: []}"#),
            ("k: \"a\r\nb\"\r\nl: m\r\n", r#"{k: "a b", l: "m"}"#),
        ] {
            assert!(saphyr_rejects_indentation(text), "{text:?}");
            assert_eq!(shape(&root(text)), expected);
        }
    }

    #[test]
    fn spans_in_and_after_padded_lines_point_into_the_file() {
        let text = "a:\n  é: [\n  \"ü\",\n  x\n]\n  d: \"ö\n  y\"\n  after: z\n";
        let root = root(text);
        let a = root.get("a").expect("a");
        let list = items(a.get("é").expect("é"));
        assert_eq!(list[0].span.start, text.find("\"ü\"").expect("ü"));
        assert_eq!(spanned(text, &list[0]), "\"ü\"");
        assert_eq!(list[1].span.start, text.find("x\n").expect("x"));
        assert_eq!(spanned(text, &list[1]), "x");
        assert_eq!(spanned(text, a.get("d").expect("d")), "\"ö\n  y\"");
        let after = a.get("after").expect("after");
        assert_eq!(after.span.start, text.find('z').expect("z"));
        assert_eq!(spanned(text, after), "z");
    }

    #[test]
    fn a_file_broken_elsewhere_keeps_its_error_where_saphyr_finds_it() {
        let deep = " ".repeat(40);
        for (text, at, message) in [
            // A collection that does not end, a key that spans lines, content after the
            // closing bracket, two scalars without a comma, a document marker inside a string:
            // libyaml rejects each too.
            (
                "a:\n  k: [\n    \"x\"\n  b: c\n".to_owned(),
                "b: c",
                "invalid indentation",
            ),
            (
                "a:\n  k: [\n    \"x\"\n  ]: c\n".to_owned(),
                "]: c",
                "invalid indentation",
            ),
            (
                "a:\n  k: [\n    \"x\"\n  ] c\n".to_owned(),
                "] c",
                "invalid indentation",
            ),
            (
                "a:\n  k: [\n  \"x\" \"y\"\n  ]\n".to_owned(),
                "\"x\" \"y\"",
                "invalid indentation",
            ),
            (
                "a:\n  k: \"x\n---\n  y\"\n".to_owned(),
                "\"x",
                "while scanning a quoted scalar, found unexpected document indicator",
            ),
            // Padding that would more than double the file.
            (
                format!("{deep}k: [\n{}]\n", "a,\n".repeat(20)),
                "a,",
                "invalid indentation: indent the lines of this flow collection or quoted string \
                 past its key (irlint reads them as libyaml does only while that at most doubles \
                 the file)",
            ),
        ] {
            let Err(error) = read(FileId(0), &text) else {
                panic!("{text:?} was read");
            };
            assert_eq!(
                error.message,
                format!("invalid YAML: {message}"),
                "{text:?}"
            );
            assert_eq!(error.span.start, text.find(at).expect("at"), "{text:?}");
        }
        // An error after a padded collection is the first one of the file that libyaml would
        // report too.
        let text = "a:\n  k: [\n  \"x\"\n  ]\n b: c\n";
        let Err(error) = read(FileId(0), text) else {
            panic!("{text:?} was read");
        };
        assert_eq!(
            error.message,
            "invalid YAML: while parsing a block mapping, did not find expected key"
        );
        assert_eq!(error.span.start, text.find("b: c").expect("b"));
    }

    #[test]
    fn quoted_strings_and_flow_collections_end_at_their_closing_quote_or_bracket() {
        // saphyr's events run on over the blanks and comment that follow, and a flow mapping
        // with a trailing comma ends before its brace.
        let text = "a: \"x\"  # c\nb: [y] # c\nc: {k: 1 , }\nd: {k: 1,} # c\ne: !Sub 'z' # c\n";
        let root = root(text);
        for (key, written) in [
            ("a", "\"x\""),
            ("b", "[y]"),
            ("c", "{k: 1 , }"),
            ("d", "{k: 1,}"),
            ("e", "!Sub 'z'"),
        ] {
            assert_eq!(spanned(text, root.get(key).expect(key)), written);
        }
    }
}
