//! Sets the `elf_rendezvous` cfg on the targets where copies of this crate in several libraries
//! find each other through an ELF note and export the C ABI as weak trampolines (Linux, x86-64 and
//! AArch64: see `src/rendezvous.rs` and `src/weak_exports.rs`), so the condition is written once.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(elf_rendezvous)");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if os == "linux" && (arch == "x86_64" || arch == "aarch64") {
        println!("cargo::rustc-cfg=elf_rendezvous");
    }
}
