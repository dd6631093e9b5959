//! A finding, with its related places and its fix: what the rules produce and every later stage
//! (suppression, configuration, reports, `--fix`) reads.

use crate::rule_meta::{Level, RuleMeta};
use crate::source::{Sources, Span};
use crate::subject::Subject;

/// A place in the source with a label, shown beside the primary location.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A mechanical fix: replace the text of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, in a few words (`replace with us-west-2`).
    pub description: String,
    pub span: Span,
    pub replacement: String,
    /// For a fix that rewrites a string value ([`Finding::string_fix`]), the value as the model
    /// read it, until [`Fix::settle`] has placed the fix on the string's characters.
    pub string_value: Option<String>,
    /// For a fix that rewrites an expression whole ([`Finding::expression_fix`]), the texts it
    /// may be written as, until [`Fix::settle`] has found one of them at the span.
    pub expression: Vec<String>,
}

impl Fix {
    /// Places a string fix, now that the source text is at hand: on the characters of the string
    /// inside its quotes, so that the quoting stays as written. `None` when the source does not
    /// spell the value out as it is (an escape, an interpolation, a concatenation): no edit of
    /// those characters alone would be right. Other fixes are kept as they are.
    pub fn settle(self, sources: &Sources) -> Option<Fix> {
        if !self.expression.is_empty() {
            let written = sources
                .get(self.span.file)
                .text
                .get(self.span.start..self.span.end)?;
            // An argument's span may take in the parentheses of its call (Java's builders).
            let inner = written.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
            let span = match () {
                _ if self.expression.iter().any(|text| text == written) => self.span,
                _ if (self.expression.iter()).any(|text| Some(text.as_str()) == inner) => {
                    Span::new(self.span.file, self.span.start + 1, self.span.end - 1)
                }
                _ => return None,
            };
            return Some(Fix {
                span,
                expression: Vec::new(),
                ..self
            });
        }
        let Some(value) = &self.string_value else {
            return Some(self);
        };
        let span = sources
            .get(self.span.file)
            .string_contents(self.span, value)?;
        Some(Fix {
            span,
            string_value: None,
            ..self
        })
    }
}

/// One violation of a rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub level: Level,
    pub message: String,
    pub span: Span,
    /// Short text under the primary span.
    pub label: String,
    pub related: Vec<Related>,
    /// How to fix it, in one sentence.
    pub help: Option<String>,
    /// The edit that fixes it, when the fix is mechanical.
    pub fix: Option<Fix>,
    /// What it is about, by names that survive edits; the pipeline fills it in from the model
    /// ([`crate::subject`]), rules leave it empty.
    pub subject: Option<Subject>,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            level: rule.level,
            message: message.into(),
            span,
            label: String::new(),
            related: Vec::new(),
            help: None,
            fix: None,
            subject: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(
        self,
        description: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.with_fix(description, span, replacement, None, Vec::new())
    }

    /// A fix that rewrites the string `value`, written by the expression at `span`, into
    /// `replacement`; the pipeline narrows it to the string's characters ([`Fix::settle`]), so
    /// a rule need not know how the format quotes strings.
    pub fn string_fix(
        self,
        description: impl Into<String>,
        span: Span,
        value: &str,
        replacement: impl Into<String>,
    ) -> Self {
        let value = Some(value.to_owned());
        self.with_fix(description, span, replacement, value, Vec::new())
    }

    /// A fix that replaces the expression at `span` whole, made only where the source writes it
    /// as one of `written` (not through a variable, a concatenation or another spelling the
    /// replacement would not stand for).
    pub fn expression_fix(
        self,
        description: impl Into<String>,
        span: Span,
        written: Vec<String>,
        replacement: impl Into<String>,
    ) -> Self {
        self.with_fix(description, span, replacement, None, written)
    }

    fn with_fix(
        mut self,
        description: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        string_value: Option<String>,
        expression: Vec<String>,
    ) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            span,
            replacement: replacement.into(),
            string_value,
            expression,
        });
        self
    }
}
