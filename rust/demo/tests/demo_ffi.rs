//! The demo library through its C ABI, with a bridge open: statuses, outputs, errors, panics and
//! the spans each operation records.

use obsbridge::abi::*;
use obsbridge::ffi::*;
use obsbridge::{callsite_name, Status};
use obsbridge_demo::*;
use std::ptr::{null, null_mut};
use std::sync::{Mutex, MutexGuard, PoisonError};

static LOCK: Mutex<()> = Mutex::new(());

/// The open bridge for one test (tests are serialised: one bridge per process).
struct Bridge {
    handle: BridgeHandle,
    _serial: MutexGuard<'static, ()>,
}

impl Bridge {
    fn open() -> Bridge {
        let serial = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
        let mut handle = BridgeHandle::default();
        assert_eq!(
            // SAFETY: valid pointers.
            unsafe { obsb_bridge_open(ABI_VERSION, null(), &mut handle) },
            Status::OK
        );
        let bridge = Bridge {
            handle,
            _serial: serial,
        };
        bridge.spans();
        bridge.errors();
        bridge
    }

    fn spans(&self) -> Vec<SpanRecord> {
        let mut records = vec![SpanRecord::default(); 4096];
        let mut count = 0;
        // SAFETY: valid buffer and pointers.
        let status = unsafe {
            obsb_bridge_drain_spans(self.handle, records.as_mut_ptr(), records.len(), &mut count)
        };
        assert_eq!(status, Status::OK);
        records.truncate(count);
        records
    }

    fn errors(&self) -> Vec<ErrorRecord> {
        let mut records = vec![ErrorRecord::default(); 64];
        let mut count = 0;
        // SAFETY: valid buffer and pointers.
        let status = unsafe {
            obsb_bridge_drain_errors(self.handle, records.as_mut_ptr(), records.len(), &mut count)
        };
        assert_eq!(status, Status::OK);
        records.truncate(count);
        records
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        obsb_bridge_close(self.handle);
    }
}

fn name(record: &SpanRecord) -> String {
    callsite_name(record.callsite).unwrap_or_default()
}

#[test]
fn image_resize_records_three_child_steps() {
    let bridge = Bridge::open();
    let ctx = TraceContext::new_root(0);
    let mut bytes = 0;
    let mut err = ErrorInfo::default();
    // SAFETY: valid pointers.
    let status = unsafe { demo_image_resize(&ctx, 64, 48, &mut bytes, &mut err) };
    assert_eq!(status, Status::OK);
    assert!(bytes > 0);
    let spans = bridge.spans();
    let names: Vec<String> = spans.iter().map(name).collect();
    assert_eq!(
        names,
        [
            "image.decode",
            "image.scale",
            "image.encode",
            "demo.image_resize"
        ]
    );
    let boundary = spans[3];
    assert_eq!(
        (boundary.span_id, boundary.kind),
        (ctx.span_id, SPAN_KIND_BOUNDARY)
    );
    assert!(spans[..3]
        .iter()
        .all(|s| s.parent_span_id == ctx.span_id && s.kind == SPAN_KIND_CHILD));
}

#[test]
fn image_resize_rejects_bad_dimensions() {
    let bridge = Bridge::open();
    let mut bytes = 123;
    let mut err = ErrorInfo::default();
    // SAFETY: valid pointers.
    let status = unsafe { demo_image_resize(null(), 0, 10, &mut bytes, &mut err) };
    assert_eq!(status, Status::LIBRARY_ERROR);
    assert_eq!(bytes, 123, "no output on failure");
    assert_eq!((err.domain_str().as_ref(), err.code), ("image", 22));
    assert!(err.message_str().contains("0x10"), "{}", err.message_str());
    assert_eq!(bridge.errors().len(), 1);
    // SAFETY: NULL output is reported, not dereferenced.
    let status = unsafe { demo_image_resize(null(), 8, 8, null_mut(), null_mut()) };
    assert_eq!(status, Status::NULL_ARGUMENT);
}

#[test]
fn json_parse_counts_values_and_quotes_bad_input() {
    let bridge = Bridge::open();
    let good = br#"{"users": [{"name": "alice", "admin": true}, {"name": "bob", "admin": false}]}"#;
    let mut values = 0;
    // SAFETY: valid pointers.
    let status =
        unsafe { demo_json_parse(null(), good.as_ptr(), good.len(), &mut values, null_mut()) };
    assert_eq!((status, values), (Status::OK, 8));

    let bad = br#"{"token": "abc", oops}"#;
    let mut err = ErrorInfo::default();
    // SAFETY: valid pointers.
    let status = unsafe { demo_json_parse(null(), bad.as_ptr(), bad.len(), &mut values, &mut err) };
    assert_eq!(status, Status::LIBRARY_ERROR);
    assert_eq!((err.domain_str().as_ref(), err.code), ("json", 1));
    assert!(err.message_str().contains("oops"), "{}", err.message_str());

    // SAFETY: NULL bytes with length 0 is the empty document; with a length it is refused.
    unsafe {
        assert_eq!(
            demo_json_parse(null(), null(), 0, &mut values, null_mut()),
            Status::LIBRARY_ERROR
        );
        assert_eq!(
            demo_json_parse(null(), null(), 5, &mut values, null_mut()),
            Status::NULL_ARGUMENT
        );
    }
    assert_eq!(bridge.spans().len(), 4);
}

#[test]
fn kv_get_hits_misses_and_leaks_a_fake_secret_on_failure() {
    let bridge = Bridge::open();
    let mut value = 0;
    // SAFETY: valid pointers.
    unsafe {
        assert_eq!(demo_kv_get(null(), 3, &mut value, null_mut()), Status::OK);
        assert_eq!(value, kv::get(3).unwrap());
        assert_eq!(
            demo_kv_get(null(), 20, &mut value, null_mut()),
            Status::OK,
            "a slow miss"
        );
    }
    let spans = bridge.spans();
    let names: Vec<String> = spans.iter().map(name).collect();
    assert_eq!(names, ["demo.kv_get", "kv.fetch", "demo.kv_get"]);
    let miss = spans[2];
    let info = obsbridge::clock::info();
    assert!(
        info.duration_ns(miss.start_ticks, miss.end_ticks) >= 20_000,
        "the miss spins >= 20 µs"
    );

    let mut err = ErrorInfo::default();
    // SAFETY: valid pointers.
    let status = unsafe { demo_kv_get(null(), 97 * 3, &mut value, &mut err) };
    assert_eq!(status, Status::LIBRARY_ERROR);
    assert_eq!((err.domain_str().as_ref(), err.code), ("kv", 404));
    assert!(
        err.message_str().contains("Authorization: Bearer eyJ"),
        "{}",
        err.message_str()
    );
    let errors = bridge.errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].error, err);
}

#[test]
fn checksum_panics_are_caught() {
    let bridge = Bridge::open();
    let mut sum = 0;
    let mut err = ErrorInfo::default();
    // SAFETY: valid pointers.
    unsafe {
        assert_eq!(
            demo_checksum(null(), b"foobar".as_ptr(), 6, &mut sum, &mut err),
            Status::OK
        );
        assert_eq!(sum, 0x8594_4171_f739_67e8);
        let poisoned = [0xFF, 1, 2, 3];
        let status = demo_checksum(null(), poisoned.as_ptr(), 4, &mut sum, &mut err);
        assert_eq!(status, Status::PANIC);
    }
    assert_eq!(sum, 0x8594_4171_f739_67e8, "no output on failure");
    assert_eq!(
        (err.status, err.domain_str().as_ref(), err.code),
        (Status::PANIC, "panic", 0)
    );
    let message = err.message_str();
    assert!(
        message.starts_with("checksum: refusing poisoned input at byte 0"),
        "{message}"
    );
    assert!(message.contains("checksum.rs:"), "{message}");
    let spans = bridge.spans();
    assert_eq!(
        spans.iter().map(|s| s.status).collect::<Vec<_>>(),
        [Status::OK, Status::PANIC]
    );
}

#[test]
fn noops_and_benchmarks() {
    let bridge = Bridge::open();
    // SAFETY: NULL context and error are allowed.
    unsafe {
        assert_eq!(demo_noop_traced(null(), null_mut()), Status::OK);
    }
    assert_eq!(demo_noop_bare(null()), Status::OK);
    let spans = bridge.spans();
    assert_eq!(spans.len(), 1, "only the traced noop records");
    assert_eq!(name(&spans[0]), "demo.noop");

    assert!(demo_bench_floor_ns(1000) > 0);
    assert!(demo_bench_native_spans_ns(100) > 0);
    let spans = bridge.spans();
    assert_eq!(spans.len(), 101, "100 child spans and their boundary");
    let boundary = spans.last().unwrap();
    assert_eq!(name(boundary), "demo.bench_native_spans");
    assert!(spans[..100]
        .iter()
        .all(|s| s.parent_span_id == boundary.span_id));
}

#[test]
fn fail_with_reports_exactly_the_given_bytes_lossily_decoded_and_bounded() {
    let bridge = Bridge::open();
    let mut err = ErrorInfo::default();
    let hostile = b"\x1b[2Jbad \xff\xfe bytes\n";
    // SAFETY: valid pointers; the message is a valid byte range.
    let status = unsafe { demo_fail_with(null(), hostile.as_ptr(), hostile.len(), &mut err) };
    assert_eq!(status, Status::LIBRARY_ERROR);
    assert_eq!((err.domain_str().as_ref(), err.code), ("demo", 7));
    assert_eq!(err.message_str(), "\u{1b}[2Jbad \u{fffd}\u{fffd} bytes\n");
    let long = vec![b'x'; 1 << 20];
    // SAFETY: as above.
    let status = unsafe { demo_fail_with(null(), long.as_ptr(), long.len(), &mut err) };
    assert_eq!(status, Status::LIBRARY_ERROR);
    assert_eq!(err.truncated, 1);
    assert!(usize::from(err.message_len) <= long.len().min(464));
    // SAFETY: NULL with length 0 is an empty message; NULL with a length is reported.
    let status = unsafe { demo_fail_with(null(), null(), 0, &mut err) };
    assert_eq!(status, Status::LIBRARY_ERROR);
    // SAFETY: as above.
    let status = unsafe { demo_fail_with(null(), null(), 3, null_mut()) };
    assert_eq!(status, Status::NULL_ARGUMENT);
    assert_eq!(
        bridge.errors().len(),
        4,
        "every failure, the NULL argument included, is recorded"
    );
}
