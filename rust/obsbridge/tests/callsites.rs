//! Callsites through the C ABI and the Rust API: register, resolve, dedup, validation.

use obsbridge::abi::CALLSITE_NAME_CAPACITY;
use obsbridge::ffi::{obsb_callsite_name, obsb_callsite_register};
use obsbridge::{callsite_id, callsite_name, register_callsite, Callsite, Status};
use std::collections::HashSet;

fn register(name: &[u8]) -> Result<u32, Status> {
    let mut id = 0;
    // SAFETY: valid pointers (an empty slice's pointer is non-null and dangling, never read).
    match unsafe { obsb_callsite_register(name.as_ptr(), name.len(), &mut id) } {
        Status::OK => Ok(id),
        status => {
            assert_eq!(id, 0, "no output on failure");
            Err(status)
        }
    }
}

fn name_of(id: u32, capacity: usize) -> Result<Vec<u8>, (Status, usize)> {
    let mut buffer = vec![0u8; capacity.max(1)];
    let mut len = usize::MAX;
    // SAFETY: `buffer` has room for `capacity` bytes.
    match unsafe { obsb_callsite_name(id, buffer.as_mut_ptr(), capacity, &mut len) } {
        Status::OK => {
            buffer.truncate(len);
            Ok(buffer)
        }
        status => Err((status, len)),
    }
}

#[test]
fn register_and_resolve_round_trip() {
    let id = register(b"db.query").unwrap();
    assert_ne!(id, 0);
    assert_eq!(name_of(id, 128).unwrap(), b"db.query");
    assert_eq!(register(b"db.query"), Ok(id), "the same name, the same id");
    assert_eq!(register_callsite("db.query"), Ok(id));
    assert_eq!(callsite_id("db.query"), Ok(id));
    assert_ne!(register(b"db.query ").unwrap(), id, "names are exact");
}

#[test]
fn unicode_names_up_to_128_bytes() {
    let longest = "ä".repeat(64); // 128 bytes
    let id = register(longest.as_bytes()).unwrap();
    assert_eq!(name_of(id, 128).unwrap(), longest.as_bytes());
    assert_eq!(register("ä".repeat(64).as_bytes()), Ok(id));
}

#[test]
fn invalid_names_are_refused() {
    assert_eq!(register(b""), Err(Status::INVALID_ARGUMENT));
    assert_eq!(register(&[b'x'; 129]), Err(Status::TOO_LONG));
    assert_eq!(
        register(&[0xFF; 200]),
        Err(Status::TOO_LONG),
        "length is checked first"
    );
    assert_eq!(register(b"bad \xC3("), Err(Status::INVALID_UTF8));
    assert_eq!(
        register(b"\xED\xA0\x80"),
        Err(Status::INVALID_UTF8),
        "a UTF-16 surrogate"
    );
    assert_eq!(register_callsite(""), Err(Status::INVALID_ARGUMENT));
    assert_eq!(callsite_id("never registered here"), Err(Status::NOT_FOUND));
}

#[test]
fn unknown_ids_and_small_buffers() {
    assert_eq!(name_of(0, 128), Err((Status::NOT_FOUND, usize::MAX)));
    assert_eq!(name_of(u32::MAX, 128), Err((Status::NOT_FOUND, usize::MAX)));
    assert_eq!(
        name_of(65_535, 128).map_err(|e| e.0),
        Err(Status::NOT_FOUND)
    );
    let id = register(b"a.rather.long.name").unwrap();
    assert_eq!(
        name_of(id, 4),
        Err((Status::TOO_LONG, 18)),
        "*out_len is the length needed"
    );
    assert_eq!(name_of(id, 18).unwrap(), b"a.rather.long.name");
    assert_eq!(callsite_name(id).as_deref(), Some("a.rather.long.name"));
}

#[test]
fn static_callsites_register_once() {
    static FIRST: Callsite = Callsite::new("static.first");
    static SAME_NAME: Callsite = Callsite::new("static.first");
    let id = FIRST.id();
    assert_ne!(id, 0);
    assert_eq!(FIRST.id(), id);
    assert_eq!(SAME_NAME.id(), id);
    assert_eq!(FIRST.name(), "static.first");
    assert_eq!(register(b"static.first"), Ok(id));
    // A name the table refuses never reaches a Callsite: Callsite::new checks it when it is built
    // (see its compile_fail examples); names registered at run time are refused with a status.
    assert_eq!(
        register(&[b'n'; CALLSITE_NAME_CAPACITY + 1]),
        Err(Status::TOO_LONG)
    );
}

#[test]
fn concurrent_registration_deduplicates() {
    let names: Vec<String> = (0..200).map(|i| format!("concurrent.{i}")).collect();
    let results: Vec<Vec<u32>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    names
                        .iter()
                        .map(|n| register(n.as_bytes()).unwrap())
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert!(
        results.windows(2).all(|pair| pair[0] == pair[1]),
        "every thread saw the same ids"
    );
    let unique: HashSet<u32> = results[0].iter().copied().collect();
    assert_eq!(unique.len(), names.len());
    for (name, id) in names.iter().zip(&results[0]) {
        assert_eq!(name_of(*id, 128).unwrap(), name.as_bytes());
    }
}
