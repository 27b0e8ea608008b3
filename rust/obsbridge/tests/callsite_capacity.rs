//! The callsite table holds 65535 names; the next new one is refused with CAPACITY, while names
//! already registered keep resolving (this file is its own process, so it can fill the table).

use obsbridge::{callsite_name, register_callsite, Callsite, Status, MAX_CALLSITE_ID};

#[test]
fn the_table_fills_at_65535_names() {
    static LATE: Callsite = Callsite::new("capacity.late");
    let first = register_callsite("capacity.0").unwrap();
    let mut last = first;
    let mut i = 1;
    loop {
        match register_callsite(&format!("capacity.{i}")) {
            Ok(id) => last = id,
            Err(status) => {
                assert_eq!(status, Status::CAPACITY);
                break;
            }
        }
        i += 1;
        assert!(i <= 70_000, "the table never filled");
    }
    assert_eq!(last, MAX_CALLSITE_ID);
    assert_eq!(
        register_callsite("capacity.0"),
        Ok(first),
        "existing names still resolve"
    );
    assert_eq!(
        callsite_name(last).as_deref(),
        Some(format!("capacity.{}", i - 1).as_str())
    );
    assert_eq!(LATE.try_id(), Err(Status::CAPACITY));
    assert_eq!(LATE.id(), 0);
}
