//! The JSON operation: a strict recursive-descent validator (RFC 8259) that counts values.
//!
//! Every value counts once, containers and their members alike (object keys are not values).
//! Nesting deeper than [`MAX_DEPTH`] is an error, so hostile input cannot exhaust the stack.
//!
//! ```
//! use obsbridge_demo::json::count_values;
//!
//! assert_eq!(count_values(br#"{"a": [1, 2, {"b": null}]}"#).unwrap(), 6);
//! assert!(count_values(b"[1, 2,]").is_err());
//! ```

use obsbridge::NativeError;

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

/// The error domain.
const DOMAIN: &str = "json";

/// The error code for malformed input.
pub const MALFORMED: i32 = 1;

/// How many bytes of input either side of an error the message quotes.
const QUOTE_RADIUS: usize = 16;

/// Where parsing stopped and why.
struct Failure {
    /// Byte offset.
    at: usize,
    /// What was wrong.
    reason: &'static str,
}

/// The parser's state.
struct Parser<'a> {
    /// The document.
    bytes: &'a [u8],
    /// The next byte to read.
    pos: usize,
    /// Values seen.
    values: u64,
}

/// Validates a JSON document and returns the number of values in it.
///
/// # Errors
///
/// Domain "json", code [`MALFORMED`]: invalid UTF-8, a syntax error, trailing content, or nesting
/// deeper than [`MAX_DEPTH`]; the message gives the offset and quotes the input around it.
pub fn count_values(bytes: &[u8]) -> Result<u64, NativeError> {
    if let Err(error) = std::str::from_utf8(bytes) {
        return Err(malformed(
            bytes,
            Failure {
                at: error.valid_up_to(),
                reason: "invalid UTF-8",
            },
        ));
    }
    let mut parser = Parser {
        bytes,
        pos: 0,
        values: 0,
    };
    parser
        .document()
        .map_err(|failure| malformed(bytes, failure))?;
    Ok(parser.values)
}

/// The error for `failure`, quoting the input around it.
fn malformed(bytes: &[u8], failure: Failure) -> NativeError {
    let from = failure.at.saturating_sub(QUOTE_RADIUS);
    let to = (failure.at + QUOTE_RADIUS).min(bytes.len());
    let quote = String::from_utf8_lossy(&bytes[from..to]);
    NativeError::new(
        DOMAIN,
        MALFORMED,
        format!(
            "malformed JSON at byte {}: {} near {:?}",
            failure.at, failure.reason, quote
        ),
    )
}

impl Parser<'_> {
    /// A whole document: one value, surrounded by whitespace only.
    fn document(&mut self) -> Result<(), Failure> {
        self.whitespace();
        if self.pos == self.bytes.len() {
            return Err(self.fail("empty document"));
        }
        self.value(0)?;
        self.whitespace();
        if self.pos != self.bytes.len() {
            return Err(self.fail("unexpected content after the document"));
        }
        Ok(())
    }

    /// One value, whose containers are `depth` deep.
    fn value(&mut self, depth: usize) -> Result<(), Failure> {
        self.values += 1;
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a value")),
            None => Err(self.fail("unexpected end of input, expected a value")),
        }
    }

    /// `{ "key": value, ... }`.
    fn object(&mut self, depth: usize) -> Result<(), Failure> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nesting deeper than 64"));
        }
        self.pos += 1;
        self.whitespace();
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a string key"));
            }
            self.string()?;
            self.whitespace();
            if !self.eat(b':') {
                return Err(self.fail("expected ':'"));
            }
            self.whitespace();
            self.value(depth)?;
            self.whitespace();
            if self.eat(b'}') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.fail("expected ',' or '}'"));
            }
        }
    }

    /// `[ value, ... ]`.
    fn array(&mut self, depth: usize) -> Result<(), Failure> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nesting deeper than 64"));
        }
        self.pos += 1;
        self.whitespace();
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            self.whitespace();
            self.value(depth)?;
            self.whitespace();
            if self.eat(b']') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.fail("expected ',' or ']'"));
            }
        }
    }

    /// A string, with escapes checked (the input is known to be UTF-8).
    fn string(&mut self) -> Result<(), Failure> {
        self.pos += 1;
        loop {
            match self.next() {
                None => return Err(self.fail("unterminated string")),
                Some(b'"') => return Ok(()),
                Some(b'\\') => match self.next() {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {}
                    Some(b'u') => {
                        for _ in 0..4 {
                            if !self.next().is_some_and(|b| b.is_ascii_hexdigit()) {
                                return Err(self.fail("invalid \\u escape"));
                            }
                        }
                    }
                    _ => return Err(self.fail("invalid escape")),
                },
                Some(0x00..=0x1F) => return Err(self.fail("control character in string")),
                Some(_) => {}
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<(), Failure> {
        self.eat(b'-');
        match self.next() {
            Some(b'0') => {}
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("invalid number")),
        }
        if self.eat(b'.') {
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.fail("expected a digit after '.'"));
            }
            self.digits();
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.fail("expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(())
    }

    /// `true`, `false` or `null`.
    fn literal(&mut self, word: &[u8]) -> Result<(), Failure> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.fail("invalid literal"))
        }
    }

    /// Skips ASCII digits.
    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// Skips JSON whitespace.
    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The next byte, not consumed.
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The next byte, consumed.
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    /// Consumes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    /// A failure at the current position.
    fn fail(&self, reason: &'static str) -> Failure {
        Failure {
            at: self.pos.min(self.bytes.len()),
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_values() {
        let cases: [(&[u8], u64); 9] = [
            (b"0", 1),
            (b" true ", 1),
            (b"[]", 1),
            (b"{}", 1),
            (b"[1, -2.5e+3, \"x\", null, false]", 6),
            (br#"{"a": {"b": [1, {"c": "\u00e9\n"}]}}"#, 6),
            ("[\"é ü 中\"]".as_bytes(), 2),
            (b"[[[[]]]]", 4),
            (b"-0.0E-0", 1),
        ];
        for (input, expected) in cases {
            let got = count_values(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(got, expected, "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn rejects_malformed_input() {
        let cases: [&[u8]; 20] = [
            b"",
            b"   ",
            b"[1,]",
            b"{\"a\" 1}",
            b"{\"a\": 1,}",
            b"{1: 2}",
            b"01",
            b"1.",
            b"1e",
            b"-",
            b"tru",
            b"nul",
            b"\"abc",
            b"\"a\\x\"",
            b"\"\\u12g4\"",
            b"\"tab\there\"",
            b"[1] [2]",
            b"[1 2]",
            b"\xFF",
            b"{\"a\":}",
        ];
        for input in cases {
            let error = count_values(input).expect_err(&String::from_utf8_lossy(input));
            assert_eq!((error.domain(), error.code()), ("json", MALFORMED));
            assert!(
                error.message().starts_with("malformed JSON at byte"),
                "{}",
                error.message()
            );
        }
    }

    #[test]
    fn depth_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(count_values(ok.as_bytes()).unwrap(), MAX_DEPTH as u64);
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let error = count_values(deep.as_bytes()).unwrap_err();
        assert!(
            error.message().contains("nesting deeper than 64"),
            "{}",
            error.message()
        );
        let hostile = "[".repeat(1_000_000);
        assert!(count_values(hostile.as_bytes()).is_err());
    }

    #[test]
    fn message_quotes_the_input() {
        let error = count_values(br#"{"user": "alice", "age": 3x}"#).unwrap_err();
        assert!(error.message().contains("byte 26"), "{}", error.message());
        assert!(
            error.message().contains(r#"\"age\": 3x}"#),
            "{}",
            error.message()
        );
    }
}
