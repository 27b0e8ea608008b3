//! Callsites: operation names registered once, referred to by a small id in every record.
//!
//! The table is process-wide: it is the recorder's (see `runtime.rs`), so a copy of this crate that
//! records into another copy's recorder registers its names there. Ids run from 1 to 65535, the same name always gets the same id, and
//! names are 1..=128 bytes of UTF-8. Registration and lookup take a lock (cold paths); a span only
//! carries the id. A [`Callsite`] is the static a library declares per operation: its id is
//! registered on first use and cached, so later uses cost one relaxed load.
//!
//! ```
//! use obsbridge::Callsite;
//!
//! static RESIZE: Callsite = Callsite::new("image.resize");
//!
//! let id = RESIZE.id();
//! assert_ne!(id, 0);
//! assert_eq!(obsbridge::callsite_id("image.resize"), Ok(id));
//! assert_eq!(obsbridge::callsite_name(id).as_deref(), Some("image.resize"));
//! ```

use crate::abi::CALLSITE_NAME_CAPACITY;
use crate::{runtime, Status};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A static operation name and its lazily registered id.
///
/// Declare one per operation, as a `static`, and pass it to [`crate::boundary()`] or
/// [`crate::child_span`].
#[derive(Debug)]
pub struct Callsite {
    /// The operation's name.
    name: &'static str,
    /// 0 until registered, then the id, or [`FAILED`] if the name is invalid.
    id: AtomicU32,
}

/// The process's callsite table.
struct Table {
    /// `names[id - 1]` is the name of `id`.
    names: Vec<Box<str>>,
    /// The reverse mapping. (A B-tree rather than a hash map: lookups are a cold path, and its
    /// nodes are referenced from their start, so valgrind sees them as reachable, where a hash
    /// table's interior pointer made every name "possibly lost".)
    ids: BTreeMap<Box<str>, u32>,
}

/// The largest callsite id; the table holds at most this many names.
pub const MAX_CALLSITE_ID: u32 = 65_535;

/// [`Callsite::id`]'s cache for a name that cannot be registered.
const FAILED: u32 = u32::MAX;

/// The process's table.
static TABLE: Mutex<Table> = Mutex::new(Table {
    names: Vec::new(),
    ids: BTreeMap::new(),
});

impl Callsite {
    /// A callsite named `name`: 1 to 128 bytes ([`CALLSITE_NAME_CAPACITY`]). The length is checked
    /// when the callsite is built, so a `static` with a name outside it does not compile (and one
    /// built at run time panics): a name that could never be registered must not record silently
    /// as the unknown operation.
    ///
    /// ```compile_fail
    /// // Too long: 129 bytes.
    /// static TOO_LONG: obsbridge::Callsite = obsbridge::Callsite::new(
    ///     "a.static.name.that.is.far.too.long.to.be.registered.because.callsite.names.are.limited.\
    ///      to.one.hundred.and.twenty.eight.bytes.in.total.xxxxxxxx",
    /// );
    /// ```
    ///
    /// ```compile_fail
    /// static EMPTY: obsbridge::Callsite = obsbridge::Callsite::new("");
    /// ```
    pub const fn new(name: &'static str) -> Callsite {
        assert!(
            !name.is_empty() && name.len() <= CALLSITE_NAME_CAPACITY,
            "a Callsite name is 1 to 128 bytes of UTF-8 (name operations by route template)"
        );
        Callsite {
            name,
            id: AtomicU32::new(0),
        }
    }

    /// The operation's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The callsite's id, registering the name on first use; 0 (the "unknown operation" id) if the
    /// name is invalid or the table is full, see [`Callsite::try_id`].
    #[inline]
    pub fn id(&self) -> u32 {
        let id = self.id.load(Ordering::Relaxed);
        // One comparison covers both 0 (not registered yet) and FAILED.
        if id.wrapping_sub(1) < MAX_CALLSITE_ID {
            id
        } else {
            self.register_slow(id)
        }
    }

    /// The callsite's id, registering the name on first use.
    ///
    /// # Errors
    ///
    /// As [`register_callsite`]: [`Status::INVALID_ARGUMENT`] (empty name), [`Status::TOO_LONG`],
    /// [`Status::CAPACITY`].
    pub fn try_id(&self) -> Result<u32, Status> {
        match self.id.load(Ordering::Relaxed) {
            0 | FAILED => {
                let result = register_callsite(self.name);
                self.id
                    .store(*result.as_ref().unwrap_or(&FAILED), Ordering::Relaxed);
                result
            }
            id => Ok(id),
        }
    }

    /// First use (or a failed name): register, cache the outcome.
    #[cold]
    #[inline(never)]
    fn register_slow(&self, cached: u32) -> u32 {
        if cached == FAILED {
            return 0;
        }
        self.try_id().unwrap_or(0)
    }
}

/// Registers `name` and returns its id; the same name always gets the same id.
///
/// # Errors
///
/// [`Status::INVALID_ARGUMENT`] if `name` is empty, [`Status::TOO_LONG`] if it exceeds
/// [`CALLSITE_NAME_CAPACITY`] bytes, [`Status::CAPACITY`] if 65535 names are registered already.
pub fn register_callsite(name: &str) -> Result<u32, Status> {
    register_callsite_bytes(name.as_bytes())
}

/// [`register_callsite`] for bytes that may not be UTF-8.
///
/// # Errors
///
/// As [`register_callsite`], plus [`Status::INVALID_UTF8`]. Length is checked before encoding.
pub fn register_callsite_bytes(name: &[u8]) -> Result<u32, Status> {
    match runtime::foreign() {
        Some(recorder) => {
            let name = validate(name)?;
            let mut id = 0;
            // SAFETY: the name's bytes are readable and `id` writable for the call.
            let status =
                unsafe { (recorder.callsite_register)(name.as_ptr(), name.len(), &mut id) };
            if status.is_ok() {
                Ok(id)
            } else {
                Err(status)
            }
        }
        None => register_local(name),
    }
}

/// [`register_callsite_bytes`] in this copy's own table (the recorder's).
///
/// # Errors
///
/// As [`register_callsite_bytes`].
pub(crate) fn register_local(name: &[u8]) -> Result<u32, Status> {
    let name = validate(name)?;
    let mut table = lock();
    if let Some(&id) = table.ids.get(name) {
        return Ok(id);
    }
    let id = u32::try_from(table.names.len() + 1).map_err(|_| Status::CAPACITY)?;
    if id > MAX_CALLSITE_ID {
        return Err(Status::CAPACITY);
    }
    table.names.push(name.into());
    table.ids.insert(name.into(), id);
    Ok(id)
}

/// The id of a registered name, without registering it.
///
/// # Errors
///
/// [`Status::NOT_FOUND`] if the name was never registered.
pub fn callsite_id(name: &str) -> Result<u32, Status> {
    let Some(recorder) = runtime::foreign() else {
        return find_local(name.as_bytes());
    };
    let mut id = 0;
    // SAFETY: the name's bytes are readable and `id` writable for the call.
    let status = unsafe { (recorder.callsite_find)(name.as_ptr(), name.len(), &mut id) };
    if status.is_ok() {
        Ok(id)
    } else {
        Err(status)
    }
}

/// [`callsite_id`] in this copy's own table.
///
/// # Errors
///
/// [`Status::NOT_FOUND`] if the name was never registered (or is not UTF-8).
pub(crate) fn find_local(name: &[u8]) -> Result<u32, Status> {
    let name = std::str::from_utf8(name).map_err(|_| Status::NOT_FOUND)?;
    lock().ids.get(name).copied().ok_or(Status::NOT_FOUND)
}

/// The name of callsite `id`, or `None` if no such id was issued.
pub fn callsite_name(id: u32) -> Option<String> {
    let Some(recorder) = runtime::foreign() else {
        return with_callsite_name(id, str::to_owned);
    };
    let mut buf = [0u8; CALLSITE_NAME_CAPACITY];
    let mut len = 0;
    // SAFETY: `buf` has room for `buf.len()` bytes and `len` is writable, for the call.
    let status = unsafe { (recorder.callsite_name)(id, buf.as_mut_ptr(), buf.len(), &mut len) };
    status
        .is_ok()
        .then(|| String::from_utf8_lossy(&buf[..len.min(buf.len())]).into_owned())
}

/// Calls `f` with the name of callsite `id` (under the table's lock, so `f` must be short), or
/// returns `None` if no such id was issued.
pub(crate) fn with_callsite_name<R>(id: u32, f: impl FnOnce(&str) -> R) -> Option<R> {
    let index = usize::try_from(id).ok()?.checked_sub(1)?;
    lock().names.get(index).map(|name| f(name))
}

/// Checks a name's length and encoding.
fn validate(name: &[u8]) -> Result<&str, Status> {
    if name.is_empty() {
        return Err(Status::INVALID_ARGUMENT);
    }
    if name.len() > CALLSITE_NAME_CAPACITY {
        return Err(Status::TOO_LONG);
    }
    std::str::from_utf8(name).map_err(|_| Status::INVALID_UTF8)
}

/// The table's lock; a panic while it was held cannot leave it inconsistent (each update is one
/// push and one insert of the same id), so poisoning is ignored.
fn lock() -> MutexGuard<'static, Table> {
    TABLE.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_order() {
        assert_eq!(validate(b""), Err(Status::INVALID_ARGUMENT));
        assert_eq!(validate(&[b'a'; 129]), Err(Status::TOO_LONG));
        assert_eq!(validate(&[0xFF; 129]), Err(Status::TOO_LONG));
        assert_eq!(validate(&[0xC3]), Err(Status::INVALID_UTF8));
        assert_eq!(
            validate("é".repeat(64).as_bytes()),
            Ok("é".repeat(64).as_str())
        );
    }

    #[test]
    fn static_and_dynamic_registration_agree() {
        static SITE: Callsite = Callsite::new("unit.callsite.agree");
        let id = SITE.id();
        assert_eq!(register_callsite("unit.callsite.agree"), Ok(id));
        assert_eq!(SITE.id(), id);
        assert_eq!(callsite_name(id).as_deref(), Some("unit.callsite.agree"));
        assert_eq!(callsite_name(0), None);
    }
}
