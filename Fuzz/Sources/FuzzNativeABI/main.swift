import CFuzzNative
import CLibFuzzer

#if canImport(Glibc)
import Glibc
#endif

/// Input: a program of operations on the C ABI, each an opcode byte followed by its arguments:
/// drains and counters with forged or closed handles and odd capacities, callsite registration
/// with random bytes, contexts built from garbage, forged span records, and the demo functions
/// with random sizes, bytes and contexts.
/// Checks: no crash; every call returns a status from the header; outputs are written only inside
/// the buffer given (a sentinel after each buffer); counters keep emitted = collected + dropped +
/// pending, with pending never negative.

/// Reads arguments from the fuzz input; past the end it yields zeros.
struct Reader {
    var bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) -> T {
        var value: T = 0
        for _ in 0..<MemoryLayout<T>.size { value = value << 8 | T(truncatingIfNeeded: byte()) }
        return value
    }

    mutating func bytes(upTo limit: Int) -> [UInt8] {
        let count = min(Int(integer(UInt16.self)) % (limit + 1), bytes.count - min(offset, bytes.count))
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}

/// The one real bridge, reopened whenever a forged close happened to hit it.
nonisolated(unsafe) var bridge = obsb_bridge_handle(value: 0)
nonisolated(unsafe) var bridgeOpen = false
let sentinel: UInt8 = 0xA5

func check(_ status: obsb_status, _ what: StaticString) {
    guard (OBSB_STATUS_OK...OBSB_STATUS_BUFFER_TOO_SMALL).contains(status) else {
        fatalError("\(what) returned unknown status \(status)")
    }
}

func ensureOpen() {
    guard !bridgeOpen else { return }
    var config = obsb_bridge_config(ring_capacity: 64, error_capacity: 16)
    let status = obsb_bridge_open(OBSB_ABI_VERSION, &config, &bridge)
    guard status == OBSB_STATUS_OK else { fatalError("cannot open the bridge: \(status)") }
    bridgeOpen = true
}

/// A handle: the real one, a forged value, or zero.
func handle(_ reader: inout Reader) -> obsb_bridge_handle {
    switch reader.byte() % 3 {
    case 0: return bridge
    case 1: return obsb_bridge_handle(value: reader.integer())
    default: return obsb_bridge_handle(value: 0)
    }
}

/// Runs `body` with a buffer of `count` elements followed by sentinel bytes, and checks them after.
func withGuardedBuffer<T>(
    of _: T.Type, count: Int, _ what: StaticString, _ body: (UnsafeMutablePointer<T>) -> Void
) {
    let bytes = count * MemoryLayout<T>.stride
    let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes + 64, alignment: 16)
    defer { raw.deallocate() }
    raw.initializeMemory(as: UInt8.self, repeating: sentinel, count: bytes + 64)
    body(raw.bindMemory(to: T.self, capacity: max(count, 1)))
    for index in bytes..<(bytes + 64) where raw.load(fromByteOffset: index, as: UInt8.self) != sentinel {
        fatalError("\(what) wrote past its buffer of \(count) elements")
    }
}

/// A context argument: NULL, garbage bytes, or a valid child of a fresh root (free it after use).
func contextArgument(_ reader: inout Reader) -> UnsafeMutablePointer<obsb_trace_context>? {
    let kind = reader.byte() % 3
    guard kind != 0 else { return nil }
    let context = UnsafeMutablePointer<obsb_trace_context>.allocate(capacity: 1)
    context.initialize(to: obsb_trace_context())
    if kind == 1 {
        let raw = UnsafeMutableRawBufferPointer(start: context, count: MemoryLayout<obsb_trace_context>.size)
        for index in raw.indices { raw[index] = reader.byte() }
    } else {
        obsb_context_init_child(nil, reader.integer(), context)
    }
    return context
}

func step(_ reader: inout Reader) {
    ensureOpen()
    let slot = UnsafeMutablePointer<obsb_error>.allocate(capacity: 1)
    defer { slot.deallocate() }
    slot.initialize(to: obsb_error())
    let wantsError = reader.byte() & 1 == 0
    let error: UnsafeMutablePointer<obsb_error>? = wantsError ? slot : nil
    let outSlot = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    defer { outSlot.deallocate() }
    outSlot.initialize(to: 0)
    switch reader.byte() % 14 {
    case 0:
        let target = handle(&reader)
        let capacity = Int(reader.byte() % 40)
        var count = Int.max
        withGuardedBuffer(of: obsb_span_record.self, count: capacity, "drain_spans") { buffer in
            check(
                obsb_bridge_drain_spans(
                    target, capacity == 0 && reader.byte() & 1 == 0 ? nil : buffer,
                    capacity, &count), "drain_spans")
        }
        if count != Int.max, count > capacity { fatalError("drain_spans returned \(count) > \(capacity)") }
        check(obsb_bridge_drain_spans(target, nil, 1, &count), "drain_spans(NULL)")
    case 1:
        let target = handle(&reader)
        let capacity = Int(reader.byte() % 8)
        var count = Int.max
        withGuardedBuffer(of: obsb_error_record.self, count: capacity, "drain_errors") { buffer in
            check(obsb_bridge_drain_errors(target, buffer, capacity, &count), "drain_errors")
        }
        if count != Int.max, count > capacity { fatalError("drain_errors returned \(count) > \(capacity)") }
    case 2:
        var counters = obsb_counters()
        if obsb_bridge_counters(handle(&reader), &counters) == OBSB_STATUS_OK {
            guard counters.collected &+ counters.dropped <= counters.emitted,
                counters.errors_collected &+ counters.errors_dropped <= counters.errors_emitted
            else { fatalError("counters out of balance: \(counters)") }
        }
        check(obsb_bridge_counters(handle(&reader), nil), "counters(NULL)")
    case 3:
        let target = handle(&reader)
        let status = obsb_bridge_close(target)
        check(status, "close")
        if status == OBSB_STATUS_OK { bridgeOpen = false }
    case 4:
        var config = obsb_bridge_config(
            ring_capacity: reader.integer(UInt32.self) % (1 << 12),
            error_capacity: reader.integer(UInt32.self) % (1 << 12))
        var opened = obsb_bridge_handle(value: 0)
        let version = reader.byte() & 1 == 0 ? OBSB_ABI_VERSION : reader.integer()
        let status = withUnsafePointer(to: &config) { config in
            obsb_bridge_open(version, reader.byte() & 1 == 0 ? nil : config, &opened)
        }
        check(status, "open")
        if status == OBSB_STATUS_OK {
            if bridgeOpen { fatalError("a second bridge opened") }
            bridge = opened
            bridgeOpen = true
        }
    case 5:
        let name = reader.bytes(upTo: 160)
        var id: UInt32 = 0
        let passesOut = reader.byte() & 1 == 0
        let status = name.withUnsafeBufferPointer { name in
            withUnsafeMutablePointer(to: &id) { id in
                obsb_callsite_register(name.baseAddress, name.count, passesOut ? id : nil)
            }
        }
        check(status, "callsite_register")
        if status == OBSB_STATUS_OK, id == 0 { fatalError("callsite id 0 issued") }
    case 6:
        let id: UInt32 = reader.byte() & 1 == 0 ? UInt32(reader.byte()) : reader.integer()
        let capacity = Int(reader.byte())
        var length = 0
        withGuardedBuffer(of: UInt8.self, count: capacity, "callsite_name") { buffer in
            let status = obsb_callsite_name(id, buffer, capacity, &length)
            check(status, "callsite_name")
            if status == OBSB_STATUS_OK, length > capacity { fatalError("name longer than buffer") }
        }
    case 7:
        do {
            let parent = contextArgument(&reader)
            defer { parent?.deallocate() }
            var out = obsb_trace_context()
            obsb_context_init_child(parent, reader.integer(), &out)
            if out.span_id == 0 || (out.trace_id_hi == 0 && out.trace_id_lo == 0) {
                fatalError("init_child made an invalid context")
            }
            obsb_context_init_child(parent, 0, nil)
        }
    case 8:
        var record = obsb_span_record()
        withUnsafeMutableBytes(of: &record) { raw in
            for index in raw.indices { raw[index] = reader.byte() }
        }
        check(obsb_span_emit(&record), "span_emit")
        check(obsb_span_emit(nil), "span_emit(NULL)")
    case 9:
        let width = UInt32(reader.byte()) | (reader.byte() & 1 == 0 ? 0 : 8_000)
        let height = UInt32(reader.byte() % 64)
        do {
            let context = contextArgument(&reader)
            defer { context?.deallocate() }
            check(
                demo_image_resize(
                    context, width, height, reader.byte() & 1 == 0 ? outSlot : nil,
                    error), "demo_image_resize")
        }
    case 10:
        let bytes = reader.bytes(upTo: 4096)
        do {
            let context = contextArgument(&reader)
            defer { context?.deallocate() }
            bytes.withUnsafeBufferPointer { buffer in
                check(
                    demo_json_parse(
                        context, buffer.baseAddress, buffer.count, outSlot,
                        error), "demo_json_parse")
                check(
                    demo_checksum(
                        context, buffer.baseAddress, buffer.count, outSlot,
                        error), "demo_checksum")
                check(
                    demo_fail_with(
                        context, buffer.baseAddress, buffer.count,
                        error), "demo_fail_with")
            }
            // A NULL byte pointer with a non-zero length is an argument error, never a read.
            check(demo_checksum(context, nil, Int(reader.byte()) + 1, outSlot, slot), "demo_checksum(NULL)")
        }
    case 11:
        do {
            let context = contextArgument(&reader)
            defer { context?.deallocate() }
            check(demo_kv_get(context, reader.integer(), outSlot, error), "demo_kv_get")
            check(demo_noop_traced(context, error), "demo_noop_traced")
        }
    case 12:
        let name = obsb_status_name(reader.integer())
        guard let name, strlen(name) < 64 else { fatalError("status_name") }
    default:
        let info = UnsafeMutablePointer<obsb_clock_info>.allocate(capacity: 1)
        defer { info.deallocate() }
        check(obsb_clock_info_get(reader.byte() & 1 == 0 ? info : nil), "clock_info_get")
        _ = obsb_clock_now()
        _ = obsb_abi_version()
    }
    if wantsError, slot.pointee.status != OBSB_STATUS_OK {
        let error = slot.pointee
        guard Int(error.domain_len) <= Int(OBSB_ERROR_DOMAIN_CAPACITY),
            Int(error.message_len) <= Int(OBSB_ERROR_MESSAGE_CAPACITY)
        else { fatalError("error lengths out of bounds: \(error.domain_len), \(error.message_len)") }
        let message = withUnsafeBytes(of: error.message) { Array($0.prefix(Int(error.message_len))) }
        guard String(validating: message, as: UTF8.self) != nil else {
            fatalError("error message is not valid UTF-8")
        }
    }
}

func fuzzNativeABI(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    var reader = Reader(bytes: bytes)
    var steps = 0
    while !reader.isAtEnd, steps < 64 {
        step(&reader)
        steps += 1
    }
    return 0
}

// libFuzzer's driver: runs the inputs or corpus directories given on the command line, or fuzzes.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
        fuzzNativeABI(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    })
