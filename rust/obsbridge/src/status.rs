//! [`Status`]: the permanent status codes of the C ABI (`obsb_status`).
//!
//! Every fallible function of `obsbridge.h` returns one of these values, and every span record
//! carries the status its call returned. The numbers are permanent: a retired value stays reserved.
//!
//! ```
//! use obsbridge::Status;
//!
//! assert_eq!(Status::OK.0, 0);
//! assert_eq!(Status::PANIC.name(), "OBSB_STATUS_PANIC");
//! assert_eq!(Status(99).name(), "OBSB_STATUS_UNKNOWN");
//! ```

use std::ffi::CStr;
use std::fmt;

/// A status code (`obsb_status`, a C `int32_t`): [`Status::OK`] or the reason a call failed.
///
/// `#[repr(transparent)]` over `i32`, so it crosses the C ABI unchanged, as a return value and as a
/// field of a `#[repr(C)]` struct. Any `i32` is representable; unknown values name themselves
/// `OBSB_STATUS_UNKNOWN`.
#[doc(alias = "obsb_status")]
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Status(pub i32);

impl Status {
    /// Success (`OBSB_STATUS_OK`).
    pub const OK: Status = Status(0);
    /// A required pointer was NULL (`OBSB_STATUS_NULL_ARGUMENT`).
    pub const NULL_ARGUMENT: Status = Status(1);
    /// A value was out of range (`OBSB_STATUS_INVALID_ARGUMENT`).
    pub const INVALID_ARGUMENT: Status = Status(2);
    /// The caller's ABI version differs from the library's (`OBSB_STATUS_ABI_MISMATCH`).
    pub const ABI_MISMATCH: Status = Status(3);
    /// A handle that this library never issued (`OBSB_STATUS_INVALID_HANDLE`).
    pub const INVALID_HANDLE: Status = Status(4);
    /// A handle that was issued and has been closed (`OBSB_STATUS_CLOSED_HANDLE`).
    pub const CLOSED_HANDLE: Status = Status(5);
    /// A bridge is open already; one per process (`OBSB_STATUS_ALREADY_OPEN`).
    pub const ALREADY_OPEN: Status = Status(6);
    /// A name was not valid UTF-8 (`OBSB_STATUS_INVALID_UTF8`).
    pub const INVALID_UTF8: Status = Status(7);
    /// A name exceeded its capacity (`OBSB_STATUS_TOO_LONG`).
    pub const TOO_LONG: Status = Status(8);
    /// A fixed table (callsites) is full (`OBSB_STATUS_CAPACITY`).
    pub const CAPACITY: Status = Status(9);
    /// The library reported an error, described by an `obsb_error` (`OBSB_STATUS_LIBRARY_ERROR`).
    pub const LIBRARY_ERROR: Status = Status(10);
    /// The library panicked and the panic was caught (`OBSB_STATUS_PANIC`).
    pub const PANIC: Status = Status(11);
    /// A trace context with a zero trace id or span id (`OBSB_STATUS_INVALID_CONTEXT`).
    pub const INVALID_CONTEXT: Status = Status(12);
    /// No such callsite id (`OBSB_STATUS_NOT_FOUND`).
    pub const NOT_FOUND: Status = Status(13);
    /// A caller-provided output buffer is too small; the length needed was written to the
    /// function's out-length (`OBSB_STATUS_BUFFER_TOO_SMALL`, ABI 2).
    pub const BUFFER_TOO_SMALL: Status = Status(14);

    /// Whether this is [`Status::OK`].
    #[inline]
    pub const fn is_ok(self) -> bool {
        self.0 == Self::OK.0
    }

    /// The status's C name, such as `"OBSB_STATUS_OK"`; `"OBSB_STATUS_UNKNOWN"` for other values.
    pub fn name(self) -> &'static str {
        // The C names are ASCII, so this never falls back.
        self.c_name().to_str().unwrap_or("OBSB_STATUS_UNKNOWN")
    }

    /// [`Status::name`] as a static NUL-terminated C string (what `obsb_status_name` returns).
    pub const fn c_name(self) -> &'static CStr {
        match self.0 {
            0 => c"OBSB_STATUS_OK",
            1 => c"OBSB_STATUS_NULL_ARGUMENT",
            2 => c"OBSB_STATUS_INVALID_ARGUMENT",
            3 => c"OBSB_STATUS_ABI_MISMATCH",
            4 => c"OBSB_STATUS_INVALID_HANDLE",
            5 => c"OBSB_STATUS_CLOSED_HANDLE",
            6 => c"OBSB_STATUS_ALREADY_OPEN",
            7 => c"OBSB_STATUS_INVALID_UTF8",
            8 => c"OBSB_STATUS_TOO_LONG",
            9 => c"OBSB_STATUS_CAPACITY",
            10 => c"OBSB_STATUS_LIBRARY_ERROR",
            11 => c"OBSB_STATUS_PANIC",
            12 => c"OBSB_STATUS_INVALID_CONTEXT",
            13 => c"OBSB_STATUS_NOT_FOUND",
            14 => c"OBSB_STATUS_BUFFER_TOO_SMALL",
            _ => c"OBSB_STATUS_UNKNOWN",
        }
    }
}

impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
