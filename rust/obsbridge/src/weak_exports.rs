//! The C ABI's symbols as weak aliases, so that several static libraries built on this crate link
//! into one program.
//!
//! Each copy of the crate defines every `obsb_*` function. As ordinary (strong) symbols, two copies
//! of different crate versions in one link are duplicate definitions: the linker refuses (with one
//! codegen unit, or LTO, the whole crate is one object that the linker must take for the library's
//! own code). Here the Rust functions keep their mangled names (unique per crate version) and the C
//! names are weak aliases of them: the linker binds every reference to the first copy's alias and
//! reports nothing. Which copy wins does not matter, because every copy forwards the bridge
//! functions to the one recorder (`runtime.rs`), and the others work the same in every copy.
//!
//! ELF targets only (Linux, x86-64 and AArch64); elsewhere `ffi.rs` exports the functions with
//! `#[no_mangle]`, and two copies of different versions fail to link. A shared object (`cdylib`)
//! exports only what rustc lists, which excludes these aliases: a dynamically loaded library
//! records into the program's recorder without exporting the C ABI itself.

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
std::arch::global_asm!(
    ".weak obsb_abi_version", ".type obsb_abi_version, %function", ".set obsb_abi_version, {abi_version}",
    ".weak obsb_status_name", ".type obsb_status_name, %function", ".set obsb_status_name, {status_name}",
    ".weak obsb_bridge_open", ".type obsb_bridge_open, %function", ".set obsb_bridge_open, {bridge_open}",
    ".weak obsb_bridge_close", ".type obsb_bridge_close, %function", ".set obsb_bridge_close, {bridge_close}",
    ".weak obsb_bridge_drain_spans", ".type obsb_bridge_drain_spans, %function", ".set obsb_bridge_drain_spans, {bridge_drain_spans}",
    ".weak obsb_bridge_drain_errors", ".type obsb_bridge_drain_errors, %function", ".set obsb_bridge_drain_errors, {bridge_drain_errors}",
    ".weak obsb_bridge_counters", ".type obsb_bridge_counters, %function", ".set obsb_bridge_counters, {bridge_counters}",
    ".weak obsb_bridge_error_drops", ".type obsb_bridge_error_drops, %function", ".set obsb_bridge_error_drops, {bridge_error_drops}",
    ".weak obsb_bridge_wait", ".type obsb_bridge_wait, %function", ".set obsb_bridge_wait, {bridge_wait}",
    ".weak obsb_bridge_wake", ".type obsb_bridge_wake, %function", ".set obsb_bridge_wake, {bridge_wake}",
    ".weak obsb_clock_info_get", ".type obsb_clock_info_get, %function", ".set obsb_clock_info_get, {clock_info_get}",
    ".weak obsb_clock_now", ".type obsb_clock_now, %function", ".set obsb_clock_now, {clock_now}",
    ".weak obsb_callsite_register", ".type obsb_callsite_register, %function", ".set obsb_callsite_register, {callsite_register}",
    ".weak obsb_callsite_name", ".type obsb_callsite_name, %function", ".set obsb_callsite_name, {callsite_name}",
    ".weak obsb_conflict_get", ".type obsb_conflict_get, %function", ".set obsb_conflict_get, {conflict_get}",
    ".weak obsb_context_init_child", ".type obsb_context_init_child, %function", ".set obsb_context_init_child, {context_init_child}",
    ".weak obsb_span_emit", ".type obsb_span_emit, %function", ".set obsb_span_emit, {span_emit}",
    abi_version = sym ffi::obsb_abi_version,
    status_name = sym ffi::obsb_status_name,
    bridge_open = sym ffi::obsb_bridge_open,
    bridge_close = sym ffi::obsb_bridge_close,
    bridge_drain_spans = sym ffi::obsb_bridge_drain_spans,
    bridge_drain_errors = sym ffi::obsb_bridge_drain_errors,
    bridge_counters = sym ffi::obsb_bridge_counters,
    bridge_error_drops = sym ffi::obsb_bridge_error_drops,
    bridge_wait = sym ffi::obsb_bridge_wait,
    bridge_wake = sym ffi::obsb_bridge_wake,
    clock_info_get = sym ffi::obsb_clock_info_get,
    clock_now = sym ffi::obsb_clock_now,
    callsite_register = sym ffi::obsb_callsite_register,
    callsite_name = sym ffi::obsb_callsite_name,
    conflict_get = sym ffi::obsb_conflict_get,
    context_init_child = sym ffi::obsb_context_init_child,
    span_emit = sym ffi::obsb_span_emit,
);

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
use crate::ffi;
