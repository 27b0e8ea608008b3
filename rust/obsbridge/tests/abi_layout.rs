//! Pins the Rust mirrors to the canonical header: parses `include/obsbridge.h` and compares every
//! `_Static_assert`, every struct field's offset and size (computed with the C layout rules), every
//! `#define`d constant and every function's presence and signature with the Rust side.

use obsbridge::abi::*;
use obsbridge::ffi::*;
use obsbridge::Status;
use std::collections::HashMap;
use std::ffi::{c_char, CStr};
use std::mem::{align_of, offset_of, size_of, size_of_val};

const HEADER: &str = include_str!("../../include/obsbridge.h");

/// A struct's layout: size, alignment, and (name, offset, size) per field.
#[derive(Debug, PartialEq)]
struct Layout {
    size: usize,
    align: usize,
    fields: Vec<(String, usize, usize)>,
}

/// The Rust side's layout of a `#[repr(C)]` mirror.
macro_rules! rust_layout {
    ($ty:ty { $($field:ident),* $(,)? }) => {{
        let value = <$ty>::default();
        Layout {
            size: size_of::<$ty>(),
            align: align_of::<$ty>(),
            fields: vec![$((stringify!($field).to_string(), offset_of!($ty, $field), size_of_val(&value.$field))),*],
        }
    }};
}

/// The layout of a `#[repr(C)]` mirror without `Default` (function pointers): each field's size
/// is given.
macro_rules! rust_layout_sized {
    ($ty:ty { $($field:ident: $size:expr),* $(,)? }) => {{
        Layout {
            size: size_of::<$ty>(),
            align: align_of::<$ty>(),
            fields: vec![$((stringify!($field).to_string(), offset_of!($ty, $field), $size)),*],
        }
    }};
}

/// A function pointer's size.
const FN: usize = size_of::<extern "C" fn()>();

fn rust_layouts() -> HashMap<&'static str, Layout> {
    HashMap::from([
        (
            "obsb_conflict",
            rust_layout!(Conflict {
                library_abi_version,
                recorder_abi_version,
                name_len,
                reserved,
                name
            }),
        ),
        (
            "obsb_runtime",
            rust_layout_sized!(Runtime {
                abi_version: 4,
                size: 4,
                report_incompatible: FN,
                attach: FN,
                bridge_open: FN,
                bridge_close: FN,
                bridge_drain_spans: FN,
                bridge_drain_errors: FN,
                bridge_counters: FN,
                bridge_error_drops: FN,
                bridge_wait: FN,
                bridge_wake: FN,
                clock_info_get: FN,
                callsite_register: FN,
                callsite_find: FN,
                callsite_name: FN,
                conflict_get: FN,
                ring_index_next: FN,
                wake_request: FN,
                clock_source: FN,
            }),
        ),
        (
            "obsb_runtime_member",
            rust_layout_sized!(RuntimeMember {
                abi_version: 4,
                size: 4,
                set_recording: FN,
                drain_spans: FN,
                drain_errors: FN,
                counters: FN,
                error_drops: FN,
            }),
        ),
        (
            "obsb_trace_context",
            rust_layout!(TraceContext {
                trace_id_hi,
                trace_id_lo,
                span_id,
                parent_span_id,
                callsite,
                flags,
                context_flags,
                reserved
            }),
        ),
        (
            "obsb_span_record",
            rust_layout!(SpanRecord {
                trace_id_hi,
                trace_id_lo,
                span_id,
                parent_span_id,
                start_ticks,
                end_ticks,
                callsite,
                status,
                thread_index,
                flags,
                kind,
                span_flags
            }),
        ),
        (
            "obsb_error",
            rust_layout!(ErrorInfo {
                status,
                code,
                domain_len,
                message_len,
                truncated,
                sensitive,
                reserved,
                domain,
                message
            }),
        ),
        (
            "obsb_error_record",
            rust_layout!(ErrorRecord {
                trace_id_hi,
                trace_id_lo,
                span_id,
                end_ticks,
                callsite,
                thread_index,
                error
            }),
        ),
        (
            "obsb_clock_info",
            rust_layout!(ClockInfo {
                source,
                reserved,
                ticks_per_second,
                ns_per_tick_q32,
                base_ticks,
                base_ns
            }),
        ),
        ("obsb_bridge_handle", rust_layout!(BridgeHandle { value })),
        (
            "obsb_callsite_count",
            rust_layout!(CallsiteCount {
                callsite,
                reserved,
                count
            }),
        ),
        (
            "obsb_bridge_config",
            rust_layout!(BridgeConfig {
                ring_capacity,
                error_capacity
            }),
        ),
        (
            "obsb_counters",
            rust_layout!(Counters {
                emitted,
                collected,
                dropped,
                rings_live,
                rings_retired,
                errors_emitted,
                errors_collected,
                errors_dropped,
                wakeups
            }),
        ),
    ])
}

/// Every `#define OBSB_NAME value` with a numeric value.
fn defines() -> HashMap<String, u64> {
    HEADER
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            if words.next() != Some("#define") {
                return None;
            }
            let name = words.next()?;
            let value = words.next()?.trim_end_matches('u');
            let value = match value.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16).ok()?,
                None => value.parse().ok()?,
            };
            Some((name.to_string(), value))
        })
        .collect()
}

/// The text without `/* ... */` comments.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("unterminated comment") + start + 2;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every `typedef struct name { ... } name;`, laid out with the C rules (natural alignment).
fn header_layouts() -> HashMap<String, Layout> {
    let defines = defines();
    let text = strip_comments(HEADER);
    let mut layouts: HashMap<String, Layout> = HashMap::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("typedef struct ") {
        let after = &rest[start + "typedef struct ".len()..];
        let name = after.split_whitespace().next().unwrap().to_string();
        let body_start = after.find('{').unwrap() + 1;
        let body_end = after.find('}').unwrap();
        let mut offset: usize = 0;
        let mut align: usize = 1;
        let mut fields = Vec::new();
        for declaration in after[body_start..body_end].split(';') {
            let declaration = declaration.trim();
            if declaration.is_empty() {
                continue;
            }
            let (ty, declarator) = declaration.rsplit_once(char::is_whitespace).unwrap();
            let (field, count) = match declarator.split_once('[') {
                Some((field, count)) => {
                    let count = count.trim_end_matches(']');
                    let count = count.parse().unwrap_or_else(|_| defines[count] as usize);
                    (field, count)
                }
                None => (declarator, 1),
            };
            let (size, field_align): (usize, usize) = match ty.trim() {
                "uint64_t" => (8, 8),
                "uint32_t" | "int32_t" | "obsb_status" => (4, 4),
                "uint16_t" => (2, 2),
                "uint8_t" | "char" => (1, 1),
                // Function pointer types (the rendezvous tables' fields).
                other if other.ends_with("_fn") => (8, 8),
                other => {
                    let nested = &layouts[other];
                    (nested.size, nested.align)
                }
            };
            offset = offset.next_multiple_of(field_align);
            fields.push((field.to_string(), offset, size * count));
            offset += size * count;
            align = align.max(field_align);
        }
        let layout = Layout {
            size: offset.next_multiple_of(align),
            align,
            fields,
        };
        layouts.insert(name, layout);
        rest = &after[body_end..];
    }
    layouts
}

#[test]
fn every_struct_matches_the_header_field_by_field() {
    let header = header_layouts();
    let rust = rust_layouts();
    assert_eq!(
        header.len(),
        12,
        "structs in the header: {:?}",
        header.keys()
    );
    for (name, c_layout) in &header {
        let rust_layout = rust
            .get(name.as_str())
            .unwrap_or_else(|| panic!("no mirror for {name}"));
        assert_eq!(c_layout, rust_layout, "{name}");
    }
}

#[test]
fn every_static_assert_holds_in_rust() {
    let rust = rust_layouts();
    let mut checked = 0;
    for line in HEADER.lines().map(str::trim) {
        let Some(assertion) = line.strip_prefix("_Static_assert(") else {
            continue;
        };
        let (left, right) = assertion.split_once("==").unwrap();
        let expected: usize = right.split(',').next().unwrap().trim().parse().unwrap();
        let left = left.trim();
        let actual = if let Some(ty) = left
            .strip_prefix("sizeof(")
            .and_then(|s| s.strip_suffix(')'))
        {
            rust[ty].size
        } else if let Some(args) = left
            .strip_prefix("offsetof(")
            .and_then(|s| s.strip_suffix(')'))
        {
            let (ty, field) = args.split_once(',').unwrap();
            let field = field.trim();
            rust[ty.trim()]
                .fields
                .iter()
                .find(|f| f.0 == field)
                .unwrap()
                .1
        } else {
            panic!("unrecognised assertion: {line}");
        };
        assert_eq!(actual, expected, "{line}");
        checked += 1;
    }
    assert_eq!(
        checked, 29,
        "the header's _Static_assert count changed: update this test"
    );
}

#[test]
fn every_constant_matches() {
    let defines = defines();
    let mut known: HashMap<&str, u64> = HashMap::from([
        ("OBSB_ABI_VERSION", u64::from(ABI_VERSION)),
        ("OBSB_ERROR_DOMAIN_CAPACITY", ERROR_DOMAIN_CAPACITY as u64),
        ("OBSB_ERROR_MESSAGE_CAPACITY", ERROR_MESSAGE_CAPACITY as u64),
        ("OBSB_CALLSITE_NAME_CAPACITY", CALLSITE_NAME_CAPACITY as u64),
        ("OBSB_LIBRARY_NAME_CAPACITY", LIBRARY_NAME_CAPACITY as u64),
        (
            "OBSB_DEFAULT_RING_CAPACITY",
            u64::from(DEFAULT_RING_CAPACITY),
        ),
        ("OBSB_RING_HOT_CAPACITY", u64::from(RING_HOT_CAPACITY)),
        (
            "OBSB_DEFAULT_ERROR_CAPACITY",
            u64::from(DEFAULT_ERROR_CAPACITY),
        ),
        ("OBSB_CONTEXT_FLAG_REMOTE", u64::from(CONTEXT_FLAG_REMOTE)),
        (
            "OBSB_CONTEXT_FLAG_PARENT_REMOTE",
            u64::from(CONTEXT_FLAG_PARENT_REMOTE),
        ),
        (
            "OBSB_SPAN_FLAG_REMOTE_PARENT",
            u64::from(SPAN_FLAG_REMOTE_PARENT),
        ),
        ("OBSB_TRACE_FLAG_SAMPLED", u64::from(TRACE_FLAG_SAMPLED)),
        ("OBSB_SPAN_KIND_BOUNDARY", u64::from(SPAN_KIND_BOUNDARY)),
        ("OBSB_SPAN_KIND_CHILD", u64::from(SPAN_KIND_CHILD)),
        ("OBSB_SPAN_KIND_CALLER", u64::from(SPAN_KIND_CALLER)),
        ("OBSB_CLOCK_SOURCE_TSC", CLOCK_SOURCE_TSC as u64),
        ("OBSB_CLOCK_SOURCE_MONOTONIC", CLOCK_SOURCE_MONOTONIC as u64),
    ]);
    let mut statuses = 0;
    for (name, &value) in &defines {
        if name.starts_with("OBSB_STATUS_") {
            // The Rust name table is the status's identity: the same number must name itself so.
            let status = Status(value as i32);
            assert_eq!(status.name(), name, "{name} = {value}");
            // SAFETY: obsb_status_name returns a static NUL-terminated string.
            let c_name = unsafe { CStr::from_ptr(obsb_status_name(status)) };
            assert_eq!(c_name.to_str().unwrap(), name);
            statuses += 1;
        } else {
            let expected = known
                .remove(name.as_str())
                .unwrap_or_else(|| panic!("unknown {name}"));
            assert_eq!(value, expected, "{name}");
        }
    }
    assert_eq!(statuses, 15);
    assert!(
        known.is_empty(),
        "constants missing from the header: {known:?}"
    );
    assert_eq!(Status(15).name(), "OBSB_STATUS_UNKNOWN");
    assert_eq!(Status(-1).name(), "OBSB_STATUS_UNKNOWN");
}

#[test]
fn every_function_is_exported_with_the_header_signature() {
    // Each binding type-checks the Rust function against the header's prototype.
    let exported: Vec<(&str, usize)> = vec![
        (
            "obsb_abi_version",
            obsb_abi_version as extern "C" fn() -> u32 as usize,
        ),
        (
            "obsb_status_name",
            obsb_status_name as extern "C" fn(Status) -> *const c_char as usize,
        ),
        (
            "obsb_bridge_open",
            obsb_bridge_open
                as unsafe extern "C" fn(u32, *const BridgeConfig, *mut BridgeHandle) -> Status
                as usize,
        ),
        (
            "obsb_bridge_close",
            obsb_bridge_close as extern "C" fn(BridgeHandle) -> Status as usize,
        ),
        (
            "obsb_bridge_drain_spans",
            obsb_bridge_drain_spans
                as unsafe extern "C" fn(BridgeHandle, *mut SpanRecord, usize, *mut usize) -> Status
                as usize,
        ),
        (
            "obsb_bridge_drain_errors",
            obsb_bridge_drain_errors
                as unsafe extern "C" fn(BridgeHandle, *mut ErrorRecord, usize, *mut usize) -> Status
                as usize,
        ),
        (
            "obsb_bridge_counters",
            obsb_bridge_counters as unsafe extern "C" fn(BridgeHandle, *mut Counters) -> Status
                as usize,
        ),
        (
            "obsb_bridge_error_drops",
            obsb_bridge_error_drops
                as unsafe extern "C" fn(
                    BridgeHandle,
                    *mut CallsiteCount,
                    usize,
                    *mut usize,
                ) -> Status as usize,
        ),
        (
            "obsb_bridge_wait",
            obsb_bridge_wait as unsafe extern "C" fn(BridgeHandle, u64, *mut u8) -> Status as usize,
        ),
        (
            "obsb_bridge_wake",
            obsb_bridge_wake as extern "C" fn(BridgeHandle) -> Status as usize,
        ),
        (
            "obsb_clock_info_get",
            obsb_clock_info_get as unsafe extern "C" fn(*mut ClockInfo) -> Status as usize,
        ),
        (
            "obsb_clock_now",
            obsb_clock_now as extern "C" fn() -> u64 as usize,
        ),
        (
            "obsb_callsite_register",
            obsb_callsite_register as unsafe extern "C" fn(*const u8, usize, *mut u32) -> Status
                as usize,
        ),
        (
            "obsb_callsite_name",
            obsb_callsite_name as unsafe extern "C" fn(u32, *mut u8, usize, *mut usize) -> Status
                as usize,
        ),
        (
            "obsb_context_init_child",
            obsb_context_init_child
                as unsafe extern "C" fn(*const TraceContext, u32, *mut TraceContext)
                as usize,
        ),
        (
            "obsb_conflict_get",
            obsb_conflict_get as unsafe extern "C" fn(*mut Conflict) -> Status as usize,
        ),
        (
            "obsb_span_emit",
            obsb_span_emit as unsafe extern "C" fn(*const SpanRecord) -> Status as usize,
        ),
    ];
    let text = strip_comments(HEADER);
    // Every identifier directly followed by '(' that starts with obsb_: the declared functions.
    let declared: Vec<&str> = text
        .split('(')
        .filter_map(|before| {
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            Some(&before[start..]).filter(|name| name.starts_with("obsb_"))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut rust: Vec<&str> = exported.iter().map(|(name, _)| *name).collect();
    rust.sort_unstable();
    assert_eq!(declared, rust);
    assert!(exported.iter().all(|(_, address)| *address != 0));
}
