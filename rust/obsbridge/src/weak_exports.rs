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

/// Defines the weak C name `$name` as a tail jump to `$function`.
macro_rules! weak_export {
    ($name:literal, $function:path) => {
        std::arch::global_asm!(
            concat!(".pushsection .text.", $name, ",\"ax\",%progbits"),
            ".p2align 4",
            concat!(".weak ", $name),
            concat!(".type ", $name, ", %function"),
            concat!($name, ":"),
            tail_jump!(),
            concat!(".size ", $name, ", . - ", $name),
            ".popsection",
            target = sym $function,
        );
    };
}

/// The tail jump to the `target` operand (arguments and return value pass through untouched).
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
macro_rules! tail_jump {
    () => {
        "jmp {target}@PLT"
    };
}

/// The tail jump to the `target` operand (arguments and return value pass through untouched).
#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
macro_rules! tail_jump {
    () => {
        "b {target}"
    };
}

weak_export!("obsb_abi_version", crate::ffi::obsb_abi_version);
weak_export!("obsb_status_name", crate::ffi::obsb_status_name);
weak_export!("obsb_bridge_open", crate::ffi::obsb_bridge_open);
weak_export!("obsb_bridge_close", crate::ffi::obsb_bridge_close);
weak_export!(
    "obsb_bridge_drain_spans",
    crate::ffi::obsb_bridge_drain_spans
);
weak_export!(
    "obsb_bridge_drain_errors",
    crate::ffi::obsb_bridge_drain_errors
);
weak_export!("obsb_bridge_counters", crate::ffi::obsb_bridge_counters);
weak_export!(
    "obsb_bridge_error_drops",
    crate::ffi::obsb_bridge_error_drops
);
weak_export!("obsb_bridge_wait", crate::ffi::obsb_bridge_wait);
weak_export!("obsb_bridge_wake", crate::ffi::obsb_bridge_wake);
weak_export!("obsb_clock_info_get", crate::ffi::obsb_clock_info_get);
weak_export!("obsb_clock_now", crate::ffi::obsb_clock_now);
weak_export!("obsb_callsite_register", crate::ffi::obsb_callsite_register);
weak_export!("obsb_callsite_name", crate::ffi::obsb_callsite_name);
weak_export!("obsb_conflict_get", crate::ffi::obsb_conflict_get);
weak_export!(
    "obsb_context_init_child",
    crate::ffi::obsb_context_init_child
);
weak_export!("obsb_span_emit", crate::ffi::obsb_span_emit);
