//! Terraform's JSON configuration syntax (`*.tf.json`, which CDK for Terraform writes), read as
//! the body of blocks and attributes that the same configuration in native syntax parses to, so
//! that the rest of the front-end reads both alike.
//!
//! A JSON object is an HCL object expression: hcl-edit parses the file as one, which keeps every
//! value's span and reads every JSON string as a template (`"${var.regions}"`), as Terraform does
//! where an argument takes an expression. The object maps to blocks as Terraform's JSON syntax
//! says (<https://developer.hashicorp.com/terraform/language/syntax/json>): a top-level property
//! names a block type, each label the type takes is one more level of objects whose property
//! names are the labels, and the object below them is the block's body. A body's properties are
//! attributes, except those that name a nested block type of the block; a label level or a body
//! may also be an array of objects, for several blocks. Which properties are nested blocks
//! depends on the block's schema, which only Terraform and its providers know: the ones irlint
//! reads are listed in [`nested_blocks`]; a property naming any other reads as an attribute,
//! which irlint reads no more than it would read the block.
//!
//! hcl-edit lets only its parser give a node a span. The identifiers and blocks made here take
//! theirs from skeletons: texts of blanks with a stand-in at each span to give (an identifier,
//! an empty block `b{ }`), which hcl-edit parses; each parsed stand-in, span and all, then takes
//! the name, labels and body of what it stands for.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use hcl::edit::expr::{Expression, Object, ObjectKey};
use hcl::edit::structure::{Attribute, Block, BlockLabel, Body, Structure};
use hcl::edit::{Decorated, Ident};

use super::nesting::{MAX_KEY_COMPARISONS, Refusal};
use super::{parse_error, refusal_error};
use crate::frontend::UnitFile;
use crate::input_error::InputError;
use crate::source::Span;

/// Whether Terraform reads the file as a configuration in JSON syntax: `*.tf.json`.
pub fn is_configuration(path: &Path) -> bool {
    let name = path.file_name().and_then(|name| name.to_str());
    name.is_some_and(|name| name.ends_with(".tf.json"))
}

/// A `*.tf.json` file as the body of the blocks it declares. Each block's type spans the
/// property name of its last label (of its type when it has none), so that its header is the
/// block's name, where findings on it point; labels span their property names; a block spans
/// from there to the end of its body, or its body's object alone when that is an element of an
/// array. As Terraform does, it refuses a file that is not one object and a block whose labels
/// or body are not objects.
pub fn configuration(file: &UnitFile) -> Result<Body, InputError> {
    check_keys(&file.source.text).map_err(|refusal| refusal_error(*file, &refusal))?;
    let root = parse_object(
        file,
        "a Terraform JSON configuration is one object, whose properties are block types",
    )?;
    let items = Reader { file: *file }.top_level(root)?;
    Ok(Skeletons::for_items(&items).body(items))
}

/// The top-level block types irlint reads, with the number of labels each takes.
fn top_level_block(name: &str) -> Option<(&'static str, usize)> {
    let block = match name {
        "resource" => ("resource", 2),
        "data" => ("data", 2),
        "provider" => ("provider", 1),
        "variable" => ("variable", 1),
        "output" => ("output", 1),
        "module" => ("module", 1),
        "locals" => ("locals", 0),
        "terraform" => ("terraform", 0),
        "moved" => ("moved", 0),
        "removed" => ("removed", 0),
        _ => return None,
    };
    Some(block)
}

/// The nested block types irlint reads in the body of a block of type `kind` with `labels`, with
/// the number of labels each takes. The body of a `dynamic` block's `content` is that of the
/// block type it generates.
fn nested_blocks(kind: &str, labels: &[&str]) -> &'static [(&'static str, usize)] {
    match (kind, labels) {
        // The Cloud Control provider's set takes `regions` as a list attribute. `timeouts` is
        // read so that IRL022 sees the block Terraform reads it as.
        ("resource", ["aws_ssmincidents_replication_set", _]) => &[
            ("region", 0),
            ("regions", 0),
            ("timeouts", 0),
            ("lifecycle", 0),
            ("dynamic", 1),
        ],
        ("resource", _) => &[("lifecycle", 0), ("dynamic", 1)],
        ("data", ["aws_iam_policy_document", _]) => &[("statement", 0), ("dynamic", 1)],
        ("statement", _) => &[
            ("principals", 0),
            ("not_principals", 0),
            ("condition", 0),
            ("dynamic", 1),
        ],
        ("dynamic", _) => &[("content", 0)],
        ("terraform", _) => &[("required_providers", 0)],
        ("removed", _) => &[("lifecycle", 0)],
        _ => &[],
    }
}

/// The byte range a parsed node spans: the parser gives every node one.
fn range(node: &impl hcl::edit::Span) -> Range<usize> {
    node.span().unwrap_or_default()
}

/// The top-level object of a JSON file (a configuration, a variable file); `not_one_object` says
/// what the file must be when it is not. hcl-edit parses an expression only from the first byte
/// of its text: a file that starts with blanks is parsed with the first of them read as an
/// opening parenthesis, and a closing one after the object, which keeps every offset.
pub(super) fn parse_object(file: &UnitFile, not_one_object: &str) -> Result<Object, InputError> {
    // The parser takes one expression, without the line break that ends the file.
    let text = file.source.text.trim_end();
    let parenthesized;
    let source = match text.strip_prefix([' ', '\t', '\r', '\n']) {
        Some(after_first_blank) => {
            parenthesized = format!("({after_first_blank})");
            parenthesized.as_str()
        }
        None => text,
    };
    let expression = match hcl::edit::parser::parse_expr(source) {
        Ok(Expression::Parenthesis(parenthesis)) if source.len() > text.len() => {
            parenthesis.into_inner()
        }
        Ok(expression) => expression,
        Err(error) => return Err(parse_error(*file, &error)),
    };
    match expression {
        Expression::Object(object) => Ok(object),
        other => Err(error_at(*file, range(&other), not_one_object)),
    }
}

/// An error at what `at` spans, up to the end of its first line.
fn error_at(file: UnitFile, at: Range<usize>, message: impl Into<String>) -> InputError {
    let text = file.source.text.get(at.clone()).unwrap_or_default();
    let end = at.start + text.find('\n').unwrap_or(text.len());
    InputError {
        path: file.source.display_path.clone(),
        span: Some(Span::new(file.id, at.start, end)),
        message: message.into(),
    }
}

/// A block read from the file, to be given spans (see [`Skeletons`]).
struct Draft {
    kind: &'static str,
    /// Where its type is written, which its identifier spans: the property name of its last
    /// label, or of its type when it has none.
    kind_at: Range<usize>,
    labels: Vec<BlockLabel>,
    /// The span the block takes.
    at: Range<usize>,
    items: Vec<Item>,
}

/// What a block body holds.
enum Item {
    Attribute {
        name: Ident,
        /// Where its property name is written.
        at: Range<usize>,
        value: Value,
    },
    Block(Draft),
}

enum Value {
    Expression(Expression),
    /// A keyword written as a string (`"iterator": "r"`): the name it is, where it is written.
    Keyword(Ident, Range<usize>),
}

/// The type of the blocks a property writes.
struct BlockType<'a> {
    kind: &'static str,
    /// The property name that writes it.
    name: &'a BlockLabel,
    /// The type whose nested blocks their bodies have: `kind`, but for a `dynamic` block's
    /// `content`, the type the `dynamic` block generates.
    body_type: &'a str,
    /// How many labels it takes.
    labels: usize,
}

/// Reads the blocks of one file.
struct Reader<'s> {
    file: UnitFile<'s>,
}

impl Reader<'_> {
    fn error(&self, at: Range<usize>, message: impl Into<String>) -> InputError {
        error_at(self.file, at, message)
    }

    /// The blocks of the top-level object. Properties that name no block type irlint reads are
    /// left out: comments (`"//"`), and the block types it has no use for.
    fn top_level(&self, root: Object) -> Result<Vec<Item>, InputError> {
        let mut items = Vec::new();
        for (key, value) in root {
            let name = self.property_name(key)?;
            if let Some((kind, labels)) = top_level_block(name.as_str()) {
                let block_type = BlockType {
                    kind,
                    name: &name,
                    body_type: kind,
                    labels,
                };
                self.blocks(&block_type, value.into_expr(), &mut Vec::new(), &mut items)?;
            }
        }
        Ok(items)
    }

    /// A property name as a block label, which keeps its span. Terraform takes block types,
    /// labels and argument names literally, and none of them may hold a template.
    fn property_name(&self, key: ObjectKey) -> Result<BlockLabel, InputError> {
        match key {
            ObjectKey::Expression(Expression::String(name)) => Ok(BlockLabel::String(name)),
            // hcl-edit also reads HCL's unquoted names.
            ObjectKey::Ident(name) => Ok(BlockLabel::Ident(name)),
            ObjectKey::Expression(other) => Err(self.error(
                range(&other),
                "a property name with a template: no block type, label or argument name holds one",
            )),
        }
    }

    /// The blocks of a type that a property's `value` writes, after the labels read before
    /// (`labels`): one level of objects for each label still to read, whose property names are
    /// the labels, then the body.
    fn blocks(
        &self,
        block_type: &BlockType,
        value: Expression,
        labels: &mut Vec<BlockLabel>,
        blocks: &mut Vec<Item>,
    ) -> Result<(), InputError> {
        let kind = block_type.kind;
        if labels.len() < block_type.labels {
            let at = range(&value);
            let mut labelled = false;
            for object in self.label_objects(value, kind)? {
                for (key, value) in object {
                    labels.push(self.property_name(key)?);
                    self.blocks(block_type, value.into_expr(), labels, blocks)?;
                    labels.pop();
                    labelled = true;
                }
            }
            if !labelled {
                return Err(self.error(
                    at,
                    format!(
                        "`{kind}` blocks take a label: at least one property is required here, \
                         whose name is the label"
                    ),
                ));
            }
            return Ok(());
        }
        let kind_at = range(labels.last().unwrap_or(block_type.name));
        let bodies = match value {
            // Terraform reads `null` as no block.
            Expression::Null(_) => Vec::new(),
            Expression::Object(object) => vec![(kind_at.start..range(&object).end, object)],
            Expression::Array(array) => {
                let mut bodies = Vec::new();
                for element in array {
                    let at = range(&element);
                    let Expression::Object(object) = element else {
                        return Err(self.error(
                            at,
                            format!("a JSON object is required here, the body of a `{kind}` block"),
                        ));
                    };
                    bodies.push((self.element_span(at), object));
                }
                bodies
            }
            other => {
                return Err(self.error(
                    range(&other),
                    format!(
                        "a JSON object or an array of them is required here, the body of one \
                         `{kind}` block or of several"
                    ),
                ));
            }
        };
        let label_names: Vec<&str> = labels.iter().map(BlockLabel::as_str).collect();
        for (at, object) in bodies {
            blocks.push(Item::Block(Draft {
                kind,
                kind_at: kind_at.clone(),
                labels: labels.clone(),
                at,
                items: self.body(object, block_type.body_type, &label_names)?,
            }));
        }
        Ok(())
    }

    /// The span of a block whose body is an element of an array: the element's. A block's
    /// skeleton (`b{}`) takes three bytes: the block of an empty object (`{}`) spans the byte
    /// after it too, within the file.
    fn element_span(&self, at: Range<usize>) -> Range<usize> {
        let end = at.end.max(at.start + 3).min(self.file.source.text.len());
        at.start..end
    }

    /// The objects of a level of labels: one, or an array of them; none for `null`.
    fn label_objects(&self, value: Expression, kind: &str) -> Result<Vec<Object>, InputError> {
        let wrong = |at| {
            self.error(
                at,
                format!(
                    "a JSON object is required here, whose property names label `{kind}` blocks"
                ),
            )
        };
        match value {
            Expression::Object(object) => Ok(vec![object]),
            Expression::Array(array) => array
                .into_iter()
                .map(|element| match element {
                    Expression::Object(object) => Ok(object),
                    other => Err(wrong(range(&other))),
                })
                .collect(),
            Expression::Null(_) => Ok(Vec::new()),
            other => Err(wrong(range(&other))),
        }
    }

    /// The items of the body of a block of type `kind` with `labels`: its nested blocks, and its
    /// other properties as attributes. Comments (`"//"`) are left out, and so are names that
    /// are no identifier, which name no argument.
    fn body(&self, object: Object, kind: &str, labels: &[&str]) -> Result<Vec<Item>, InputError> {
        let nested = nested_blocks(kind, labels);
        let mut items = Vec::new();
        for (key, value) in object {
            let key = self.property_name(key)?;
            let value = value.into_expr();
            if let Some(&(nested_kind, label_count)) =
                nested.iter().find(|(name, _)| *name == key.as_str())
            {
                let block_type = BlockType {
                    kind: nested_kind,
                    name: &key,
                    body_type: match (kind, labels) {
                        ("dynamic", [generated]) => generated,
                        _ => nested_kind,
                    },
                    labels: label_count,
                };
                self.blocks(&block_type, value, &mut Vec::new(), &mut items)?;
                continue;
            }
            let Ok(name) = Ident::try_new(key.as_str()) else {
                continue;
            };
            let value = match (kind, name.as_str(), value) {
                // Terraform reads the iterator's name from the string.
                ("dynamic", "iterator", Expression::String(word)) => {
                    match Ident::try_new(word.as_str()) {
                        Ok(keyword) => Value::Keyword(keyword, range(&word)),
                        Err(_) => Value::Expression(Expression::String(word)),
                    }
                }
                (_, _, value) => Value::Expression(value),
            };
            items.push(Item::Attribute {
                name,
                at: range(&key),
                value,
            });
        }
        Ok(items)
    }
}

/// The spanned identifiers and blocks that the skeletons of one file's items give.
struct Skeletons {
    /// By where they start.
    idents: HashMap<usize, Decorated<Ident>>,
    blocks: HashMap<(usize, usize), Block>,
}

impl Skeletons {
    fn for_items(items: &[Item]) -> Self {
        let mut ident_spans = Vec::new();
        let mut block_spans = Vec::new();
        collect_spans(items, &mut ident_spans, &mut block_spans);
        Skeletons {
            idents: spanned_idents(ident_spans),
            blocks: spanned_blocks(block_spans),
        }
    }

    /// The body of the items, each node with the span its skeleton gave.
    fn body(&mut self, items: Vec<Item>) -> Body {
        items.into_iter().map(|item| self.structure(item)).collect()
    }

    fn structure(&mut self, item: Item) -> Structure {
        match item {
            Item::Attribute { name, at, value } => {
                let value = match value {
                    Value::Expression(expression) => expression,
                    Value::Keyword(keyword, at) => Expression::Variable(self.ident(keyword, &at)),
                };
                Attribute::new(self.ident(name, &at), value).into()
            }
            Item::Block(draft) => {
                let ident = self.ident(Ident::new(draft.kind), &draft.kind_at);
                let mut block = match self.blocks.remove(&(draft.at.start, draft.at.end)) {
                    Some(block) => block,
                    None => Block::new(ident.clone()),
                };
                block.ident = ident;
                block.labels = draft.labels;
                block.body = self.body(draft.items);
                block.into()
            }
        }
    }

    /// `name`, spanning `at` when a skeleton gave an identifier that span.
    fn ident(&self, name: Ident, at: &Range<usize>) -> Decorated<Ident> {
        match self.idents.get(&at.start) {
            Some(spanned) if range(spanned) == *at => {
                let mut ident = spanned.clone();
                *ident.value_mut() = name;
                ident
            }
            _ => Decorated::new(name),
        }
    }
}

fn collect_spans(items: &[Item], idents: &mut Vec<Range<usize>>, blocks: &mut Vec<Range<usize>>) {
    for item in items {
        match item {
            Item::Attribute { at, value, .. } => {
                idents.push(at.clone());
                if let Value::Keyword(_, at) = value {
                    idents.push(at.clone());
                }
            }
            Item::Block(draft) => {
                idents.push(draft.kind_at.clone());
                blocks.push(draft.at.clone());
                collect_spans(&draft.items, idents, blocks);
            }
        }
    }
}

/// Identifiers that hcl-edit parsed over the given spans, by where they start: the skeleton is
/// an array of identifiers, each of `x`s over one span (`[xxxxxx, xxxx]`, blanks between). The
/// spans are property names and string values, which never overlap and have a byte between them
/// (a `:` or `,` at least) for the comma; one that does not, which this parse could not give, is
/// left out.
fn spanned_idents(mut spans: Vec<Range<usize>>) -> HashMap<usize, Decorated<Ident>> {
    spans.sort_by_key(|span| (span.start, span.end));
    spans.dedup();
    let length = spans.last().map_or(0, |span| span.end + 1);
    let mut skeleton = vec![b' '; length];
    // The `[` that opens the array, then the `,` after each identifier.
    let mut separator = 0;
    for span in spans {
        if span.start <= separator || span.is_empty() {
            continue;
        }
        skeleton[separator] = if separator == 0 { b'[' } else { b',' };
        skeleton[span.clone()].fill(b'x');
        separator = span.end;
    }
    if separator == 0 {
        return HashMap::new();
    }
    skeleton[separator] = b']';
    let Some(Expression::Array(array)) = parse_skeleton(skeleton, hcl::edit::parser::parse_expr)
    else {
        return HashMap::new();
    };
    array
        .into_iter()
        .filter_map(|element| match element {
            Expression::Variable(ident) => Some((range(&ident).start, ident)),
            _ => None,
        })
        .collect()
}

/// Blocks that hcl-edit parsed over the given spans, by span: each skeleton is a body of empty
/// blocks (`b{ }`), `b{` at the start of a span, `}` at its end and a line break after it. Blocks
/// nest and a body's blocks cannot, so the spans are parsed in layers, each of spans apart from
/// one another: a span goes to the first layer whose last span ends before it starts. A span of
/// fewer than three bytes, which this parse could not give, is left out.
fn spanned_blocks(mut spans: Vec<Range<usize>>) -> HashMap<(usize, usize), Block> {
    spans.sort_by_key(|span| (span.start, span.end));
    spans.dedup();
    let mut layers: Vec<Vec<Range<usize>>> = Vec::new();
    for span in spans.into_iter().filter(|span| span.len() >= 3) {
        match layers
            .iter_mut()
            .find(|layer| layer.last().is_none_or(|last| last.end < span.start))
        {
            Some(layer) => layer.push(span),
            None => layers.push(vec![span]),
        }
    }
    let mut blocks = HashMap::new();
    for layer in layers {
        let length = layer.last().map_or(0, |span| span.end);
        let mut skeleton = vec![b' '; length];
        for span in &layer {
            skeleton[span.start] = b'b';
            skeleton[span.start + 1] = b'{';
            skeleton[span.end - 1] = b'}';
            if let Some(after) = skeleton.get_mut(span.end) {
                *after = b'\n';
            }
        }
        let Some(body) = parse_skeleton(skeleton, hcl::edit::parser::parse_body) else {
            continue;
        };
        for block in body.into_blocks() {
            let at = range(&block);
            blocks.insert((at.start, at.end), block);
        }
    }
    blocks
}

/// Parses a skeleton, which is ASCII.
fn parse_skeleton<T>(
    skeleton: Vec<u8>,
    parse: fn(&str) -> Result<T, hcl::edit::parser::Error>,
) -> Option<T> {
    let text = String::from_utf8(skeleton).ok()?;
    parse(&text).ok()
}

/// Refuses a file whose objects would cost hcl-edit more than [`MAX_KEY_COMPARISONS`] key
/// comparisons to parse, as [`super::nesting`] does for native syntax, whose scan reads a JSON
/// file's objects as block bodies and counts none of their keys. An object of n keys costs n
/// times the sum of its keys' weights, weighed as the scan does: a plain string 1, and 1 more
/// for each 64 bytes; a template (which no valid key is) 4 for each byte.
fn check_keys(text: &str) -> Result<(), Refusal> {
    /// An object being read.
    struct Open {
        start: usize,
        keys: u64,
        weight: u64,
        /// Whether the next string is a key: after `{` or `,`.
        before_key: bool,
    }
    let bytes = text.as_bytes();
    // The open objects and arrays (`None`), innermost last.
    let mut open: Vec<Option<Open>> = Vec::new();
    let mut comparisons: u64 = 0;
    // The cost, start and keys of the costliest object, the one the refusal names.
    let mut costliest = (0, 0, 0);
    let mut charge = |object: Open| {
        let cost = object.keys.saturating_mul(object.weight);
        if cost > costliest.0 {
            costliest = (cost, object.start, object.keys);
        }
        comparisons = comparisons.saturating_add(cost);
        if comparisons > MAX_KEY_COMPARISONS {
            return Err(Refusal::TooManyKeys {
                start: costliest.1,
                keys: costliest.2,
            });
        }
        Ok(())
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(Some(object)) = open.last_mut()
                    && object.before_key
                {
                    let key = &bytes[i..end];
                    let length = u64::try_from(key.len()).unwrap_or(u64::MAX);
                    let template = key.windows(2).any(|pair| pair == b"${" || pair == b"%{");
                    let weight = if template {
                        length.saturating_mul(4)
                    } else {
                        1 + length / 64
                    };
                    object.keys += 1;
                    object.weight = object.weight.saturating_add(weight);
                    object.before_key = false;
                }
                i = end;
                continue;
            }
            b'{' => open.push(Some(Open {
                start: i,
                keys: 0,
                weight: 0,
                before_key: true,
            })),
            b'[' => open.push(None),
            b',' => {
                if let Some(Some(object)) = open.last_mut() {
                    object.before_key = true;
                }
            }
            b'}' | b']' => {
                if let Some(Some(object)) = open.pop() {
                    charge(object)?;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // hcl-edit compares the keys of objects a broken file leaves open too.
    open.into_iter().flatten().try_for_each(charge)
}

/// The offset after the string whose opening quote is at `start`: after its closing quote, or
/// the end of the text.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};

    /// The file's body, which must convert.
    fn convert(text: &str) -> Body {
        convert_result(text).expect("a configuration")
    }

    fn convert_result(text: &str) -> Result<Body, InputError> {
        let source = SourceFile::new("main.tf.json".into(), text.to_owned());
        configuration(&UnitFile {
            id: FileId(0),
            source: &source,
        })
    }

    fn spanned<'t>(text: &'t str, node: &impl hcl::edit::Span) -> &'t str {
        &text[range(node)]
    }

    /// From a block's type to its last label, as the front-end's `header` spans it.
    fn header<'t>(text: &'t str, block: &Block) -> &'t str {
        let start = range(&block.ident).start;
        let end = block
            .labels
            .last()
            .map_or(range(&block.ident).end, |l| range(l).end);
        &text[start..end]
    }

    const SET: &str = r#"{
  "//": "written by hand",
  "resource": {
    "aws_kms_key": {
      "west": {"provider": "aws.west", "tags": {"//": "kept"}}
    },
    "aws_ssmincidents_replication_set": {
      "main": {
        "regions": [
          {"name": "us-east-1"},
          {"name": "us-west-2", "kms_key_arn": "${aws_kms_key.west.arn}"}
        ],
        "lifecycle": {"prevent_destroy": true}
      }
    }
  }
}
"#;

    #[test]
    fn blocks_take_their_labels_and_spans_from_the_property_names() {
        let body = convert(SET);
        let blocks: Vec<&Block> = body.blocks().collect();
        assert_eq!(blocks.len(), 2);
        let (key, set) = (blocks[0], blocks[1]);
        assert_eq!(key.ident.as_str(), "resource");
        let labels: Vec<&str> = set.labels.iter().map(BlockLabel::as_str).collect();
        assert_eq!(labels, ["aws_ssmincidents_replication_set", "main"]);
        assert_eq!(header(SET, key), r#""west""#);
        assert_eq!(header(SET, set), r#""main""#);
        assert_eq!(
            spanned(SET, &set.labels[0]),
            r#""aws_ssmincidents_replication_set""#
        );
        let block = spanned(SET, set);
        assert!(
            block.starts_with(r#""main": {"#) && block.ends_with("}\n      }"),
            "{block}"
        );

        let provider = key.body.get_attribute("provider").expect("provider");
        assert_eq!(provider.value.as_str(), Some("aws.west"));
        assert_eq!(spanned(SET, &provider.key), r#""provider""#);
        // A comment in an expression's object is a key like any other.
        let tags = key.body.get_attribute("tags").expect("tags");
        assert_eq!(spanned(SET, &tags.value), r#"{"//": "kept"}"#);
    }

    #[test]
    fn nested_blocks_are_blocks_one_per_element() {
        let body = convert(SET);
        let set = body.blocks().nth(1).expect("the set");
        let regions: Vec<&Block> = set.body.get_blocks("regions").collect();
        assert_eq!(regions.len(), 2);
        assert_eq!(spanned(SET, &regions[0].ident), r#""regions""#);
        assert_eq!(spanned(SET, regions[0]), r#"{"name": "us-east-1"}"#);
        let key = regions[1].body.get_attribute("kms_key_arn").expect("a key");
        assert!(matches!(key.value, Expression::StringTemplate(_)));
        assert_eq!(spanned(SET, &key.value), r#""${aws_kms_key.west.arn}""#);
        let lifecycle = set.body.get_blocks("lifecycle").next().expect("lifecycle");
        assert_eq!(
            spanned(SET, lifecycle),
            r#""lifecycle": {"prevent_destroy": true}"#
        );
        assert!(set.body.get_attribute("//").is_none());
    }

    #[test]
    fn labels_and_bodies_may_be_arrays_and_null() {
        let text = r#"{"provider": {"aws": [{"region": "us-east-1"}, {"alias": "west", "region": "us-west-2"}]},
"variable": [{"a": {}}, {"b": null}], "locals": [{"x": 1}, {"y": 2}]}"#;
        let body = convert(text);
        let headers: Vec<String> = body
            .blocks()
            .map(|block| {
                let labels: Vec<&str> = block.labels.iter().map(BlockLabel::as_str).collect();
                format!("{} {}", block.ident.as_str(), labels.join(" "))
            })
            .collect();
        assert_eq!(
            headers,
            [
                "provider aws",
                "provider aws",
                "variable a",
                "locals ",
                "locals "
            ]
        );
        let providers: Vec<&Block> = body.get_blocks("provider").collect();
        assert_eq!(
            spanned(text, providers[1]),
            r#"{"alias": "west", "region": "us-west-2"}"#
        );
        assert_eq!(header(text, providers[1]), r#""aws""#);
        let variable = body.get_blocks("variable").next().expect("a variable");
        assert_eq!(spanned(text, variable), r#""a": {}"#);
    }

    #[test]
    fn a_dynamic_block_reads_its_iterator_as_a_name_and_its_content_as_the_generated_type() {
        let text = r#"{"data": {"aws_iam_policy_document": {"p": {"dynamic": {"statement": {
  "for_each": "${var.statements}", "iterator": "s",
  "content": {"actions": ["kms:*"], "principals": {"type": "AWS"}}}}}}}}"#;
        let body = convert(text);
        let document = body.blocks().next().expect("the document");
        let dynamic = document.body.get_blocks("dynamic").next().expect("dynamic");
        assert_eq!(header(text, dynamic), r#""statement""#);
        let iterator = dynamic.body.get_attribute("iterator").expect("an iterator");
        let Expression::Variable(name) = &iterator.value else {
            panic!("not a name: {:?}", iterator.value);
        };
        assert_eq!((name.as_str(), spanned(text, name)), ("s", r#""s""#));
        let content = dynamic.body.get_blocks("content").next().expect("content");
        assert!(content.body.get_blocks("principals").next().is_some());
    }

    #[test]
    fn minified_blocks_that_end_together_keep_their_spans() {
        let text = r#"{"resource":{"aws_ssmincidents_replication_set":{"a":{"regions":[{},{"name":"x"}],"region":{"name":"y"}}}}}"#;
        let body = convert(text);
        let set = body.blocks().next().expect("the set");
        assert_eq!(
            spanned(text, set),
            &text[text.find(r#""a""#).expect("a")..text.len() - 3]
        );
        let regions: Vec<&str> = set
            .body
            .blocks()
            .map(|block| spanned(text, block))
            .collect();
        // The empty object's block takes the comma after it: a block takes three bytes.
        assert_eq!(
            regions,
            ["{},", r#"{"name":"x"}"#, r#""region":{"name":"y"}"#]
        );
    }

    #[test]
    fn a_file_may_start_with_blanks() {
        let text = "\n  {\"locals\": {\"a\": \"b\"}}\n";
        let body = convert(text);
        let locals = body.blocks().next().expect("locals");
        let a = locals.body.get_attribute("a").expect("a");
        assert_eq!(spanned(text, &a.value), "\"b\"");
    }

    #[test]
    fn unknown_block_types_are_left_out() {
        let body = convert(r#"{"import": {"to": "x.y", "id": "z"}, "check": {"c": {}}}"#);
        assert!(body.is_empty());
    }

    /// The error's message and the text at its span.
    fn refused(text: &str) -> (String, &str) {
        let error = convert_result(text).expect_err("an error");
        let span = error.span.expect("a span");
        (error.message, &text[span.start..])
    }

    #[test]
    fn shapes_terraform_refuses_are_errors_where_they_are() {
        let (message, at) = refused("[1]");
        assert!(message.contains("one object"), "{message}");
        assert_eq!(at, "[1]");
        let (message, at) = refused(r#"{"resource": {"aws_kms_key": "k"}}"#);
        assert!(message.contains("label `resource` blocks"), "{message}");
        assert_eq!(at, r#""k"}}"#);
        let (message, at) = refused(r#"{"variable": {}}"#);
        assert!(message.contains("take a label"), "{message}");
        assert_eq!(at, "{}}");
        let (message, at) = refused(r#"{"locals": [{"a": 1}, 2]}"#);
        assert!(message.contains("body of a `locals` block"), "{message}");
        assert_eq!(at, "2]}");
        let (message, _) = refused(r#"{"locals": "x"}"#);
        assert!(message.contains("or of several"), "{message}");
        let (message, at) = refused(r#"{"variable": {"${x}": {}}}"#);
        assert!(message.contains("template"), "{message}");
        assert!(at.starts_with(r#""${x}""#));
        let (_, at) = refused("{\"locals\": {\"a\": }}");
        assert_eq!(at, "}}");
    }

    #[test]
    fn objects_that_cost_too_many_key_comparisons_are_refused_before_parsing() {
        let keys: Vec<String> = (0..8_000).map(|i| format!("\"k{i}\": 1")).collect();
        let text = format!("{{\"locals\": {{{}}}}}", keys.join(", "));
        let (message, at) = refused(&text);
        assert!(message.contains("8000 keys"), "{message}");
        assert!(at.starts_with("{\"k0\""));
        assert_eq!(check_keys(r#"{"a": "}{\"", "b": [{"c": 1}]}"#), Ok(()));
    }
}
