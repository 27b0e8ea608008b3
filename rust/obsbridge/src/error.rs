//! [`NativeError`]: how native code reports a failure through the boundary helper, and how it is
//! written into a bounded C `obsb_error` ([`ErrorInfo`]).
//!
//! The domain is cut to 32 bytes and the message to 464, both at a UTF-8 character boundary; a cut
//! message sets `truncated`. Text that arrives as bytes is decoded with U+FFFD replacements
//! ([`NativeError::from_utf8_lossy`]). Messages are not sanitized here: the collector does that
//! before anything is written anywhere, so put no secrets in them if you can help it. A message
//! that may hold data no rule can recognise (a user's own input, personal data) is marked
//! [`NativeError::sensitive`]: its text never crosses the boundary, only domain and code do.
//!
//! ```
//! use obsbridge::{NativeError, Status};
//!
//! let error = NativeError::new("image", 22, "width 0 is out of range");
//! assert_eq!(error.status(), Status::LIBRARY_ERROR);
//! let info = error.to_error_info();
//! assert_eq!(info.domain_str(), "image");
//! assert_eq!(info.code, 22);
//! assert_eq!(info.truncated, 0);
//! ```

use crate::abi::{ErrorInfo, ERROR_DOMAIN_CAPACITY, ERROR_MESSAGE_CAPACITY};
use crate::Status;
use std::borrow::Cow;
use std::fmt;

/// A failure reported by native code: a status, a domain, a code within the domain and a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NativeError {
    /// What the exported function returns.
    status: Status,
    /// Who defines `code` ("image", "json", "panic", ...).
    domain: Cow<'static, str>,
    /// A domain-defined code.
    code: i32,
    /// Human-readable details.
    message: String,
    /// Whether the message must never be written anywhere.
    sensitive: bool,
}

/// The domain of errors the helpers themselves produce (NULL and invalid arguments).
const OBSBRIDGE_DOMAIN: &str = "obsbridge";

/// The domain of caught panics.
pub(crate) const PANIC_DOMAIN: &str = "panic";

impl NativeError {
    /// A library error ([`Status::LIBRARY_ERROR`]) with a domain, a code and a message.
    pub fn new(
        domain: impl Into<Cow<'static, str>>,
        code: i32,
        message: impl Into<String>,
    ) -> NativeError {
        NativeError {
            status: Status::LIBRARY_ERROR,
            domain: domain.into(),
            code,
            message: message.into(),
            sensitive: false,
        }
    }

    /// [`NativeError::new`] with a message given as bytes: invalid UTF-8 becomes U+FFFD.
    pub fn from_utf8_lossy(
        domain: impl Into<Cow<'static, str>>,
        code: i32,
        message: &[u8],
    ) -> NativeError {
        NativeError::new(domain, code, String::from_utf8_lossy(message))
    }

    /// A required pointer argument was NULL ([`Status::NULL_ARGUMENT`]); `what` names it.
    pub fn null_argument(what: &str) -> NativeError {
        NativeError {
            status: Status::NULL_ARGUMENT,
            domain: Cow::Borrowed(OBSBRIDGE_DOMAIN),
            code: Status::NULL_ARGUMENT.0,
            message: format!("`{what}` is NULL"),
            sensitive: false,
        }
    }

    /// An argument was out of range ([`Status::INVALID_ARGUMENT`]); `what` names it.
    pub fn invalid_argument(what: &str, message: impl fmt::Display) -> NativeError {
        NativeError {
            status: Status::INVALID_ARGUMENT,
            domain: Cow::Borrowed(OBSBRIDGE_DOMAIN),
            code: Status::INVALID_ARGUMENT.0,
            message: format!("`{what}`: {message}"),
            sensitive: false,
        }
    }

    /// A caller-provided output buffer is too small ([`Status::BUFFER_TOO_SMALL`]): `what` names
    /// it, `capacity` is what it holds and `needed` what the output needs (in the same units).
    pub fn buffer_too_small(what: &str, capacity: usize, needed: usize) -> NativeError {
        NativeError::helper(
            Status::BUFFER_TOO_SMALL,
            format!("`{what}` holds {capacity}; the output needs {needed}"),
        )
    }

    /// A string argument is not UTF-8 ([`Status::INVALID_UTF8`]): `what` names it, `valid_up_to`
    /// is the length of its longest valid prefix.
    pub fn invalid_utf8(what: &str, valid_up_to: usize) -> NativeError {
        NativeError::helper(
            Status::INVALID_UTF8,
            format!("`{what}` is not valid UTF-8 (the bytes from offset {valid_up_to})"),
        )
    }

    /// A handle argument that cannot be one this library issued ([`Status::INVALID_HANDLE`]).
    pub fn invalid_handle(what: &str, message: impl fmt::Display) -> NativeError {
        NativeError::helper(Status::INVALID_HANDLE, format!("`{what}`: {message}"))
    }

    /// An error of the helpers' own domain ("obsbridge"), whose code is the status.
    fn helper(status: Status, message: String) -> NativeError {
        NativeError {
            status,
            domain: Cow::Borrowed(OBSBRIDGE_DOMAIN),
            code: status.0,
            message,
            sensitive: false,
        }
    }

    /// A caught panic ([`Status::PANIC`], domain "panic", code 0).
    pub(crate) fn panic(message: String) -> NativeError {
        NativeError {
            status: Status::PANIC,
            domain: Cow::Borrowed(PANIC_DOMAIN),
            code: 0,
            message,
            sensitive: false,
        }
    }

    /// Marks the message sensitive: it never leaves this process's native side. The caller's
    /// `NativeError` and the collector's error record keep the domain and code and say
    /// `[sensitive]` instead of the text.
    ///
    /// ```
    /// use obsbridge::NativeError;
    ///
    /// let error = NativeError::new("users", 4, "no account for jane@example.org").sensitive();
    /// let info = error.to_error_info();
    /// assert_eq!((info.sensitive, info.message_len, info.code), (1, 0, 4));
    /// ```
    #[must_use]
    pub fn sensitive(mut self) -> NativeError {
        self.sensitive = true;
        self
    }

    /// Whether the message is marked [`NativeError::sensitive`].
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The status the exported function returns.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The domain that defines [`NativeError::code`].
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The domain-defined code.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// This error as a C `obsb_error`: domain and message cut to fit at a character boundary.
    pub fn to_error_info(&self) -> ErrorInfo {
        let mut info = ErrorInfo {
            status: self.status,
            code: self.code,
            ..ErrorInfo::default()
        };
        let (domain, _) = cut(&self.domain, ERROR_DOMAIN_CAPACITY);
        info.domain[..domain.len()].copy_from_slice(domain.as_bytes());
        info.domain_len = domain.len() as u16; // at most 32
        if self.sensitive {
            info.sensitive = 1;
            return info;
        }
        let (message, truncated) = cut(&self.message, ERROR_MESSAGE_CAPACITY);
        info.message[..message.len()].copy_from_slice(message.as_bytes());
        info.message_len = message.len() as u16; // at most 464
        info.truncated = u8::from(truncated);
        info
    }
}

/// `text` cut to at most `capacity` bytes at a character boundary, and whether it was cut.
fn cut(text: &str, capacity: usize) -> (&str, bool) {
    if text.len() <= capacity {
        return (text, false);
    }
    let mut end = capacity;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

impl fmt::Display for NativeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} error {} ({}): {}",
            self.domain, self.code, self.status, self.message
        )
    }
}

impl std::error::Error for NativeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_character_boundary() {
        assert_eq!(cut("abc", 3), ("abc", false));
        assert_eq!(cut("abcd", 3), ("abc", true));
        // "é" is two bytes: a cut through it backs off to before it.
        assert_eq!(cut("aé", 2), ("a", true));
        assert_eq!(cut("€", 2), ("", true));
    }

    #[test]
    fn long_messages_and_domains_are_bounded() {
        let message = "ü".repeat(300); // 600 bytes, boundaries every 2
        let domain = "d".repeat(40);
        let info = NativeError::new(domain, 7, message).to_error_info();
        assert_eq!(info.domain_len, 32);
        assert_eq!(info.message_len, 464);
        assert_eq!(info.truncated, 1);
        assert_eq!(info.message_str(), "ü".repeat(232));

        let odd = format!("x{}", "ü".repeat(300)); // boundaries at odd offsets
        let info = NativeError::new("d", 7, odd).to_error_info();
        assert_eq!(info.message_len, 463);
        assert!(std::str::from_utf8(&info.message[..463]).is_ok());
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let error = NativeError::from_utf8_lossy("kv", 1, b"bad \xFF byte");
        assert_eq!(error.message(), "bad \u{FFFD} byte");
    }
}
