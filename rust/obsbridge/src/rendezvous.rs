//! The rendezvous: how the copies of this crate in one process find each other, without any
//! exported symbol.
//!
//! Every Rust library built on this crate carries its own copy of it (statics, thread-locals,
//! code). Each copy puts one ELF note in its object: name `"ObsBridge"`, type 1, and a descriptor
//! holding the copy's ABI version (`u32`), the distance from that field's end to the copy's slot
//! (`i32`: the slot is `&desc[4] + offset`), and the crate's version (NUL-terminated). Notes are
//! loaded with the program or library that contains them, whether it is the executable (static
//! archives) or a shared object (`dlopen` or not), and `dl_iterate_phdr` lists them all, in load
//! order, with the executable first.
//!
//! The process's rendezvous slot is the first note's slot: every copy computes the same one, so a
//! compare-exchange on it elects exactly one recorder. This note format is permanent: every ABI
//! version keeps name, type and the first two descriptor fields, so copies of any two releases find
//! each other (and refuse each other loudly when their ABI versions differ).
//!
//! The objects must stay loaded, because the recorder keeps calling into every member it has: each
//! copy pins its object when it starts ([`pin_own_object`]), so `dlclose` leaves it mapped.
//!
//! On targets without ELF notes (and on CPUs this file has no assembly for), [`scan`] finds no
//! notes: each copy then uses its own slot and is the only copy it knows of.

use crate::abi::Runtime;
use std::ptr;
use std::sync::atomic::AtomicPtr;

/// This copy's slot. Only the process's first slot (the first note's) is ever written.
pub(crate) static OWN_SLOT: AtomicPtr<Runtime> = AtomicPtr::new(ptr::null_mut());

/// A copy of the crate found loaded in the process.
#[derive(Clone, Debug)]
pub(crate) struct LoadedCopy {
    /// Its ABI version.
    pub(crate) abi_version: u32,
    /// Its rendezvous slot.
    pub(crate) slot: *const AtomicPtr<Runtime>,
    /// `"<file> (obsbridge <version>)"`.
    pub(crate) description: String,
}

/// Every copy loaded now, in load order (the executable's first).
pub(crate) fn scan() -> Vec<LoadedCopy> {
    elf::scan()
}

/// The process's rendezvous slot (the first copy's), or this copy's own when no note is visible.
pub(crate) fn slot(copies: &[LoadedCopy]) -> &'static AtomicPtr<Runtime> {
    match copies.first() {
        // SAFETY: a note's slot is a static of a loaded object, and objects holding a copy are never
        // unloaded (see the module documentation), so it lives as long as the process.
        Some(first) => unsafe { &*first.slot },
        None => &OWN_SLOT,
    }
}

/// This copy's description, `"<file> (obsbridge <version>)"`.
pub(crate) fn own_description(copies: &[LoadedCopy]) -> String {
    let own: *const AtomicPtr<Runtime> = &OWN_SLOT;
    copies
        .iter()
        .find(|copy| ptr::eq(copy.slot, own))
        .map(|copy| copy.description.clone())
        .unwrap_or_else(|| describe("this program", env!("CARGO_PKG_VERSION")))
}

/// `"<file> (obsbridge <version>)"`.
fn describe(file: &str, version: &str) -> String {
    format!("{file} (obsbridge {version})")
}

#[cfg(elf_rendezvous)]
mod elf {
    use super::{describe, LoadedCopy, OWN_SLOT};
    use crate::abi::abi_version_literal;
    use std::ffi::{c_char, c_int, c_void, CStr};
    use std::panic::{self, AssertUnwindSafe};

    // The note. Labels: 3 = descriptor start, 5 = end of the ABI field (the offset's base), 4 =
    // descriptor end. The offset is PC-relative, so the note needs no dynamic relocation.
    std::arch::global_asm!(
        ".pushsection .note.obsbridge,\"a\",%note",
        ".balign 4",
        ".long 10",
        ".long 4f - 3f",
        ".long 1",
        ".asciz \"ObsBridge\"",
        ".balign 4",
        "3:",
        concat!(".long ", abi_version_literal!()),
        "5:",
        ".long {slot} - 5b",
        concat!(".asciz \"", env!("CARGO_PKG_VERSION"), "\""),
        ".balign 4",
        "4:",
        ".popsection",
        slot = sym OWN_SLOT,
    );

    /// `dl_phdr_info`'s leading fields (glibc and musl agree on them).
    #[repr(C)]
    struct PhdrInfo {
        /// The object's load address.
        addr: usize,
        /// Its file name; empty for the executable.
        name: *const c_char,
        /// Its program headers.
        phdr: *const ProgramHeader,
        /// How many.
        phnum: u16,
    }

    /// `Elf64_Phdr`.
    #[repr(C)]
    struct ProgramHeader {
        p_type: u32,
        p_flags: u32,
        p_offset: u64,
        p_vaddr: u64,
        p_paddr: u64,
        p_filesz: u64,
        p_memsz: u64,
        p_align: u64,
    }

    /// A segment of notes.
    const PT_NOTE: u32 = 4;
    /// The note's name, with its NUL.
    const NOTE_NAME: &[u8] = b"ObsBridge\0";
    /// The note's type.
    const NOTE_TYPE: u32 = 1;

    extern "C" {
        fn dl_iterate_phdr(
            callback: unsafe extern "C" fn(*mut PhdrInfo, usize, *mut c_void) -> c_int,
            data: *mut c_void,
        ) -> c_int;
    }

    /// Every copy's note, in load order.
    pub(super) fn scan() -> Vec<LoadedCopy> {
        let mut found: Vec<LoadedCopy> = Vec::new();
        // SAFETY: the callback matches dl_iterate_phdr's, and `data` is `found`, alive for the call.
        unsafe { dl_iterate_phdr(visit, (&mut found as *mut Vec<LoadedCopy>).cast()) };
        found
    }

    /// One loaded object: read its notes. Never unwinds (a panic stops at the catch).
    unsafe extern "C" fn visit(info: *mut PhdrInfo, _size: usize, data: *mut c_void) -> c_int {
        let _ = panic::catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: dl_iterate_phdr passes a valid info, and `data` is the Vec given to it.
            let (info, found) = unsafe { (&*info, &mut *data.cast::<Vec<LoadedCopy>>()) };
            let file = if info.name.is_null() {
                String::new()
            } else {
                // SAFETY: a non-null name is a NUL-terminated string owned by the dynamic linker.
                unsafe { CStr::from_ptr(info.name) }
                    .to_string_lossy()
                    .into_owned()
            };
            let file = if file.is_empty() {
                std::env::current_exe()
                    .map(|path| path.display().to_string())
                    .unwrap_or_else(|_| "the program".to_owned())
            } else {
                file
            };
            for index in 0..usize::from(info.phnum) {
                // SAFETY: `phdr` has `phnum` entries.
                let header = unsafe { &*info.phdr.add(index) };
                if header.p_type == PT_NOTE {
                    let start = info.addr.wrapping_add(header.p_vaddr as usize);
                    let align = if header.p_align == 8 { 8 } else { 4 };
                    // SAFETY: a PT_NOTE segment is mapped, readable, `p_memsz` bytes long.
                    unsafe { read_notes(start, header.p_memsz as usize, align, &file, found) };
                }
            }
        }));
        0
    }

    /// Appends the copies described by the notes in `[start, start + len)`.
    ///
    /// # Safety
    ///
    /// The range must be readable.
    unsafe fn read_notes(
        start: usize,
        len: usize,
        align: usize,
        file: &str,
        found: &mut Vec<LoadedCopy>,
    ) {
        let end = start.saturating_add(len);
        let mut at = start;
        let word = |at: usize| {
            // SAFETY: every caller below reads 4 bytes that lie before `end`, inside the range.
            unsafe { (at as *const u32).read_unaligned() }
        };
        while at + 12 <= end {
            let (name_size, desc_size, kind) =
                (word(at) as usize, word(at + 4) as usize, word(at + 8));
            let name_at = at + 12;
            // The name and the descriptor are each padded to the segment's alignment, counted from
            // the note's start (the 12-byte header is part of the first padding).
            let desc_at = at + (12 + name_size).next_multiple_of(align);
            let next = desc_at.saturating_add(desc_size.next_multiple_of(align));
            if next > end || next <= at {
                return;
            }
            // SAFETY: [name_at, name_at + name_size) lies before `next <= end`.
            let name = unsafe { std::slice::from_raw_parts(name_at as *const u8, name_size) };
            if name == NOTE_NAME && kind == NOTE_TYPE && desc_size >= 8 {
                let abi_version = word(desc_at);
                let offset = word(desc_at + 4) as i32;
                let slot = (desc_at + 4).wrapping_add_signed(offset as isize);
                // SAFETY: [desc_at + 8, desc_at + desc_size) lies before `end`.
                let text = unsafe {
                    std::slice::from_raw_parts((desc_at + 8) as *const u8, desc_size - 8)
                };
                let version = text.split(|&b| b == 0).next().unwrap_or_default();
                found.push(LoadedCopy {
                    abi_version,
                    slot: slot as *const _,
                    description: describe(file, &String::from_utf8_lossy(version)),
                });
            }
            at = next;
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn finds_its_own_note() {
            let copies = scan();
            let own: *const _ = &OWN_SLOT;
            let copy = copies
                .iter()
                .find(|copy| std::ptr::eq(copy.slot, own))
                .expect("this copy's note is loaded");
            assert_eq!(copy.abi_version, crate::abi::ABI_VERSION);
            assert!(copy.description.ends_with(concat!(
                "(obsbridge ",
                env!("CARGO_PKG_VERSION"),
                ")"
            )));
        }
    }
}

#[cfg(not(elf_rendezvous))]
mod elf {
    use super::LoadedCopy;

    /// No notes on this target.
    pub(super) fn scan() -> Vec<LoadedCopy> {
        Vec::new()
    }
}

/// Makes the object (executable or shared library) that holds this copy impossible to unload:
/// once copies know each other, the recorder keeps pointers to every member's tables and every
/// member forwards into the recorder, so `dlclose` of an instrumented library must not unmap it.
/// `dlopen` with `RTLD_NOLOAD | RTLD_NODELETE` on the object's own path marks a loaded library
/// "never delete" (glibc and musl); for the executable it does nothing, as nothing unloads that.
/// Best effort: without a path (`dladdr` fails) the object stays as it was.
pub(crate) fn pin_own_object() {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::{c_char, c_int, c_void};

        /// `Dl_info` (glibc and musl).
        #[repr(C)]
        struct DlInfo {
            file_name: *const c_char,
            file_base: *mut c_void,
            symbol_name: *const c_char,
            symbol_address: *mut c_void,
        }
        const RTLD_NOW: c_int = 2;
        const RTLD_NOLOAD: c_int = 4;
        const RTLD_NODELETE: c_int = 0x1000;
        extern "C" {
            fn dladdr(address: *const c_void, info: *mut DlInfo) -> c_int;
            fn dlopen(file: *const c_char, flags: c_int) -> *mut c_void;
        }
        let mut info = DlInfo {
            file_name: std::ptr::null(),
            file_base: std::ptr::null_mut(),
            symbol_name: std::ptr::null(),
            symbol_address: std::ptr::null_mut(),
        };
        let anchor = std::ptr::from_ref(&OWN_SLOT).cast::<c_void>();
        // SAFETY: `anchor` is an address in this object and `info` is writable.
        if unsafe { dladdr(anchor, &mut info) } == 0 || info.file_name.is_null() {
            return;
        }
        // SAFETY: `file_name` is the loader's NUL-terminated path of a loaded object. The handle is
        // kept on purpose (one more reference, never closed).
        unsafe { dlopen(info.file_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE) };
    }
}
