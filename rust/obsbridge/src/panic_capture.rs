//! Panic capture: turning a panic inside a boundary into an error message, silently.
//!
//! A panic's payload carries its message but not where it happened, and the default hook prints
//! both to stderr. [`install`] (called once, when a bridge first opens or an unrecorded boundary
//! first runs) chains a hook in front of the existing one: on a thread that is inside a boundary it
//! stores the location in a thread-local and prints nothing, because the boundary reports the panic
//! as an error record; anywhere else it calls the previous hook.
//!
//! Limits: a panic that native code catches itself inside a boundary is not printed either, and a
//! payload re-raised with `resume_unwind` (which skips hooks) is reported with the location of the
//! previous captured panic on that thread, if any.

use crate::current;
use std::any::Any;
use std::cell::Cell;
use std::panic;
use std::sync::Once;

thread_local! {
    /// "file:line:column" of this thread's last panic inside a boundary, until taken.
    static LOCATION: Cell<Option<String>> = const { Cell::new(None) };
}

/// Guards the one-time installation.
static INSTALL: Once = Once::new();

/// Installs the chained hook, once per process (after the first time, one Acquire load).
#[inline]
pub(crate) fn install() {
    if !INSTALL.is_completed() {
        install_once();
    }
}

/// The first [`install`].
#[cold]
#[inline(never)]
fn install_once() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if current::in_boundary() {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                if LOCATION.try_with(|cell| cell.set(location)).is_ok() {
                    return;
                }
            }
            previous(info);
        }));
    });
}

/// The error message for a caught panic: the payload's text (a `&str` or `String` payload; other
/// types say so), then where it happened if the hook saw it.
pub(crate) fn message(payload: &(dyn Any + Send)) -> String {
    let text = if let Some(text) = payload.downcast_ref::<&'static str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.as_str()
    } else {
        "Box<dyn Any> (a panic payload that is not a string)"
    };
    match LOCATION.try_with(Cell::take).ok().flatten() {
        Some(location) => format!("{text} (panicked at {location})"),
        None => text.to_owned(),
    }
}
