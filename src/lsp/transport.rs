//! The protocol's framing: each message is a header part (`Content-Length: N`, an empty line)
//! followed by `N` bytes of JSON.
//!
//! The client is not trusted to frame well. A length is bounded before anything is allocated
//! for it, and the body is allocated as it arrives, not as the header claims. A frame that
//! cannot be read is refused with an error response and the reader goes on: a frame whose
//! length is known is skipped whole; after a header part that cannot be read, the reader looks
//! for the next `Content-Length:`, which cannot occur in a JSON body followed by a line end (a
//! JSON string holds no raw line end), so that a short or missing body does not swallow the
//! frames after it.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::Receiver;

use lsp_server::{ErrorCode, Message};
use serde::Serialize;
use serde_json::Value;

use crate::printable::printable;

/// The largest body read. The largest message an editor sends is the full text of a document;
/// irlint lints files of at most 2 MiB (`lint::MAX_FILE_SIZE`), and a larger text is still read
/// so that the linter can say it is too large, within reason.
pub const MAX_BODY: u64 = 64 * 1024 * 1024;

/// The longest header line read: real ones (`Content-Type: application/vscode-jsonrpc;
/// charset=utf-8`) are under 60 bytes.
const MAX_HEADER_LINE: usize = 1024;

/// The header that starts a frame, as the reader looks for it after a header part it refused.
const LENGTH_HEADER: &[u8] = b"content-length:";

/// What one frame of the input held.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A frame that is not a message: the client gets this error response.
    Refused(Refusal),
}

/// A JSON-RPC error response to a frame that could not be read.
#[derive(Debug, PartialEq, Serialize)]
pub struct Refusal {
    /// The id of the request the frame held, when it held one whose id could be read; `null`
    /// otherwise, as JSON-RPC asks.
    pub id: Value,
    pub error: RefusalError,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct RefusalError {
    pub code: i32,
    pub message: String,
}

impl Refusal {
    fn new(code: ErrorCode, id: Value, message: String) -> Refusal {
        Refusal {
            id,
            error: RefusalError {
                code: code as i32,
                message,
            },
        }
    }

    /// A frame that holds no JSON text: a header part that cannot be read, a body that is not
    /// UTF-8 or not JSON.
    fn parse_error(message: String) -> Refusal {
        Refusal::new(ErrorCode::ParseError, Value::Null, message)
    }
}

/// Reads frames from a byte stream.
pub struct Reader<R> {
    input: R,
    /// Whether the last header part was refused: the next frame starts at the next
    /// `Content-Length:` rather than where the input stands.
    lost: bool,
}

/// How a header part ended.
enum Header {
    /// The input ended.
    End,
    /// A frame of this many bytes follows.
    Length(u64),
    /// The header part cannot be read; why.
    Refused(String),
}

/// How reading a header line ended.
enum Line {
    Complete,
    TooLong,
    End,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Reader<R> {
        Reader { input, lost: false }
    }

    /// The next frame; `None` when the input ends, also within a frame (the client is gone).
    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        let mut line = Vec::new();
        if self.lost {
            if !self.skip_to_length_header()? {
                return Ok(None);
            }
            self.lost = false;
            // The search consumed the header's name: the line goes on with its value.
            line.extend_from_slice(LENGTH_HEADER);
        }
        let length = match self.header(line)? {
            Header::End => return Ok(None),
            Header::Length(length) => length,
            Header::Refused(why) => {
                self.lost = true;
                return Ok(Some(Frame::Refused(Refusal::parse_error(why))));
            }
        };
        // Allocated as the body arrives: a client may claim more than it sends.
        let mut body = Vec::new();
        let read = (&mut self.input).take(length).read_to_end(&mut body)?;
        if u64::try_from(read).unwrap_or(u64::MAX) < length {
            return Ok(None);
        }
        Ok(Some(decode(body)))
    }

    /// Reads a header part, `line` holding the start of its first line, and returns the body's
    /// length.
    fn header(&mut self, mut line: Vec<u8>) -> io::Result<Header> {
        let mut length: Option<u64> = None;
        let mut started = !line.is_empty();
        loop {
            match read_line(&mut self.input, &mut line)? {
                Line::End => return Ok(Header::End),
                Line::TooLong => {
                    return Ok(Header::Refused(format!(
                        "refused a header line longer than {MAX_HEADER_LINE} bytes"
                    )));
                }
                Line::Complete => {}
            }
            if line.is_empty() {
                // Blank lines before a header part (after a body) separate nothing: passed over.
                if !started {
                    continue;
                }
                return Ok(match length {
                    Some(length) => Header::Length(length),
                    None => Header::Refused("refused a header part without Content-Length".into()),
                });
            }
            started = true;
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':') else {
                return Ok(Header::Refused(format!(
                    "refused a header line that is not `Name: value`: `{}`",
                    printable(&text)
                )));
            };
            // Other headers (`Content-Type`) say nothing the server needs.
            if name.trim().eq_ignore_ascii_case("content-length") {
                let parsed = match content_length(value.trim()) {
                    Ok(parsed) => parsed,
                    Err(why) => return Ok(Header::Refused(why)),
                };
                if length.is_some_and(|known| known != parsed) {
                    return Ok(Header::Refused(
                        "refused a header part with two different Content-Length".into(),
                    ));
                }
                length = Some(parsed);
            }
            line.clear();
        }
    }

    /// Consumes the input up to and including the next `Content-Length:` (in any case); false
    /// when the input ends first.
    fn skip_to_length_header(&mut self) -> io::Result<bool> {
        // No proper prefix of the header's name recurs within it (`c` starts it and nothing
        // else), so on a mismatch the search restarts at the mismatching byte.
        let mut matched = 0;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                return Ok(false);
            }
            let mut at = 0;
            while at < available.len() {
                if matched == 0 {
                    match memchr::memchr2(b'c', b'C', &available[at..]) {
                        Some(found) => at += found,
                        None => {
                            at = available.len();
                            break;
                        }
                    }
                }
                if available[at].eq_ignore_ascii_case(&LENGTH_HEADER[matched]) {
                    matched += 1;
                    at += 1;
                    if matched == LENGTH_HEADER.len() {
                        self.input.consume(at);
                        return Ok(true);
                    }
                } else if matched > 0 {
                    matched = 0;
                } else {
                    at += 1;
                }
            }
            self.input.consume(at);
        }
    }
}

/// A `Content-Length` value: decimal digits, at most [`MAX_BODY`].
fn content_length(value: &str) -> Result<u64, String> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!(
            "refused a frame whose Content-Length `{}` is not a number of bytes",
            printable(value)
        ));
    }
    match value.parse::<u64>() {
        Ok(length) if length <= MAX_BODY => Ok(length),
        // Digits only: the parse fails only past `u64::MAX`.
        _ => Err(format!(
            "refused a frame of {value} bytes: a message may have at most {} MiB",
            MAX_BODY / (1024 * 1024)
        )),
    }
}

/// Appends one line of the input to `line`, without its line end (`\r\n`, or `\n` alone), and
/// no more than [`MAX_HEADER_LINE`] bytes of it.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Line> {
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(Line::End);
        }
        let (taken, complete) = match memchr::memchr(b'\n', available) {
            Some(end) => (end, true),
            None => (available.len(), false),
        };
        if line.len() + taken > MAX_HEADER_LINE {
            return Ok(Line::TooLong);
        }
        line.extend_from_slice(&available[..taken]);
        input.consume(taken + usize::from(complete));
        if complete {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Line::Complete);
        }
    }
}

/// A body as a message, or why it is none.
fn decode(body: Vec<u8>) -> Frame {
    let text = match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => {
            return Frame::Refused(Refusal::parse_error(format!(
                "refused a body that is not UTF-8: {}",
                error.utf8_error()
            )));
        }
    };
    match serde_json::from_str::<Message>(&text) {
        Ok(message) => Frame::Message(message),
        Err(error) if error.is_data() => Frame::Refused(Refusal::new(
            ErrorCode::InvalidRequest,
            request_id(&text),
            format!("refused JSON that is not a JSON-RPC message: {error}"),
        )),
        Err(error) => Frame::Refused(Refusal::parse_error(format!(
            "refused a body that is not JSON: {error}"
        ))),
    }
}

/// The id of what looks like a request (an object with a `method`), when it is a number or a
/// string as JSON-RPC has them; `null` otherwise.
fn request_id(text: &str) -> Value {
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(text) else {
        return Value::Null;
    };
    match object.remove("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) if object.contains_key("method") => id,
        _ => Value::Null,
    }
}

/// A message's JSON text, with the `"jsonrpc": "2.0"` every message carries.
pub fn encode(message: &impl Serialize) -> Result<Vec<u8>, serde_json::Error> {
    #[derive(Serialize)]
    struct Envelope<'a, M> {
        jsonrpc: &'static str,
        #[serde(flatten)]
        message: &'a M,
    }
    serde_json::to_vec(&Envelope {
        jsonrpc: "2.0",
        message,
    })
}

/// Writes each body the channel delivers as a frame, until the channel closes. Output is
/// flushed when no more bodies wait, so that a burst of diagnostics goes out in one write.
pub fn write_frames(mut output: impl Write, bodies: &Receiver<Vec<u8>>) -> io::Result<()> {
    while let Ok(body) = bodies.recv() {
        let mut next = Some(body);
        while let Some(body) = next {
            write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
            output.write_all(&body)?;
            next = bodies.try_recv().ok();
        }
        output.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    /// Every frame of the input: the method of each message, the code of each refusal.
    fn frames(input: &[u8]) -> Vec<String> {
        let mut reader = Reader::new(input);
        let mut frames = Vec::new();
        while let Some(frame) = reader.next_frame().expect("reading a slice does not fail") {
            frames.push(match frame {
                Frame::Message(Message::Notification(notification)) => notification.method,
                Frame::Message(message) => format!("{message:?}"),
                Frame::Refused(refusal) => format!("{} {}", refusal.error.code, refusal.id),
            });
        }
        frames
    }

    /// The frames of `bad` followed by a good frame.
    fn then_good(bad: &[u8]) -> Vec<String> {
        frames(&[bad, &framed(GOOD)].concat())
    }

    #[test]
    fn good_frames_are_read_in_turn() {
        let input = [framed(GOOD), framed(GOOD)].concat();
        assert_eq!(frames(&input), ["initialized", "initialized"]);
        // Header names in any case, other headers, bare line feeds, blank lines between frames.
        let input = format!(
            "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n\
             {GOOD}\r\n\nContent-Length:{}\n\n{GOOD}",
            GOOD.len(),
            GOOD.len()
        );
        assert_eq!(frames(input.as_bytes()), ["initialized", "initialized"]);
    }

    #[test]
    fn a_length_that_is_not_a_small_number_is_refused_and_the_next_frame_read() {
        for bad in [
            "Content-Length: abc\r\n\r\n{}",
            "Content-Length: -5\r\n\r\n{}",
            "Content-Length: +5\r\n\r\n{}",
            "Content-Length: \r\n\r\n{}",
            "Content-Length: 1000000000\r\n\r\n{}",
            "Content-Length: 9223372036854775807\r\n\r\n{}",
            "Content-Length: 99999999999999999999999999\r\n\r\n",
            "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}",
            "Content-Type: text/plain\r\n\r\n{}",
            "garbage\r\n\r\n",
        ] {
            assert_eq!(
                then_good(bad.as_bytes()),
                ["-32700 null", "initialized"],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_endless_header_line_is_refused() {
        let bad = [&b"X-Padding: "[..], &[b'x'; 100_000], b"\r\n\r\n{}"].concat();
        assert_eq!(then_good(&bad), ["-32700 null", "initialized"]);
    }

    #[test]
    fn the_search_for_the_next_frame_finds_a_header_split_across_reads() {
        // A one-byte buffer: every byte is a read of its own.
        let input = [
            &b"Content-Length: x\r\n\r\nccontent-LENGTH"[..],
            b": 2\r\n\r\n{}",
        ]
        .concat();
        let mut reader = Reader::new(io::BufReader::with_capacity(1, &input[..]));
        assert!(matches!(reader.next_frame(), Ok(Some(Frame::Refused(_)))));
        assert!(
            matches!(reader.next_frame(), Ok(Some(Frame::Refused(refusal)))
            if refusal.error.code == ErrorCode::InvalidRequest as i32)
        );
        assert!(matches!(reader.next_frame(), Ok(None)));
    }

    #[test]
    fn a_body_that_is_not_a_message_is_refused_and_the_next_frame_read() {
        for (body, refused) in [
            (&b"hello"[..], "-32700 null"),
            (b"{\"jsonrpc\":", "-32700 null"),
            (b"\"\xff\xfe\"", "-32700 null"),
            (b"[1,2,3]", "-32600 null"),
            (b"{\"jsonrpc\":\"2.0\"}", "-32600 null"),
            (b"null", "-32600 null"),
            (b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":42}", "-32600 7"),
            (
                b"{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"m\",\"params\":{}} x",
                "-32700 null",
            ),
        ] {
            let bad = [
                format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
                body,
            ]
            .concat();
            assert_eq!(
                then_good(&bad),
                [refused, "initialized"],
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn the_input_may_end_anywhere() {
        for input in [
            &b""[..],
            b"\r\n",
            b"Content-Len",
            b"Content-Length: 10\r\n",
            b"Content-Length: 10\r\n\r\n{}",
            b"Content-Length: x\r\n\r\n{} no header follows",
        ] {
            let frames = frames(input);
            assert!(
                frames.iter().all(|frame| frame.starts_with("-32700")),
                "{frames:?}"
            );
        }
    }

    #[test]
    fn messages_are_written_framed_with_their_protocol_version() {
        let refusal = Refusal::parse_error("no".into());
        let (sender, bodies) = std::sync::mpsc::channel();
        sender
            .send(encode(&refusal).expect("a refusal encodes"))
            .expect("the channel is open");
        drop(sender);
        let mut output = Vec::new();
        write_frames(&mut output, &bodies).expect("writing to a vector does not fail");
        let body = r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"no"}}"#;
        assert_eq!(
            String::from_utf8(output).expect("UTF-8"),
            format!("Content-Length: {}\r\n\r\n{body}", body.len())
        );
    }
}
