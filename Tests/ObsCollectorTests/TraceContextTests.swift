import ObsCollector
import ObsTestSupport
import Testing

/// Cases follow the W3C Trace Context Level 1 text and the W3C test suite (`test/test.py`).
@Suite("TraceContext traceparent parsing")
struct TraceContextTests {
    static let trace = "12345678901234567890123456789012"
    static let parent = "1234567890123456"
    static let valid = "00-\(trace)-\(parent)-01"

    private func parse(_ value: String, _ state: String? = nil) throws(TraceParentError) -> TraceContext {
        try TraceContext(traceparent: value, tracestate: state)
    }

    private func error(_ value: String) -> TraceParentError? {
        do {
            _ = try parse(value)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesTheSpecificationExample() throws {
        let context = try parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        #expect(context.traceID == TraceID(high: 0x4BF9_2F35_77B3_4DA6, low: 0xA3CE_929D_0E0E_4736))
        #expect(context.spanID == SpanID(0x00F0_67AA_0BA9_02B7))
        #expect(context.flags == .sampled)
        #expect(context.version == 0)
        #expect(context.traceState == .empty)
        #expect(context.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        #expect(context.isValid)
    }

    @Test func unsampledFlagsParse() throws {
        let context = try parse("00-\(Self.trace)-\(Self.parent)-00")
        #expect(!context.flags.contains(.sampled))
    }

    @Test func version00KeepsReservedFlagBitsAsReceived() throws {
        let context = try parse("00-\(Self.trace)-\(Self.parent)-09")
        #expect(context.flags.rawValue == 0x09)
        #expect(context.traceparent.hasSuffix("-09"))
    }

    @Test(arguments: [
        "00-\(trace)-\(parent)-01.",
        "00-\(trace)-\(parent)-01-what-the-future-will-be-like",
    ])
    func version00MustBeExactly55Characters(_ value: String) {
        #expect(error(value) == .wrongLength(length: value.unicodeScalars.count))
    }

    @Test func futureVersionIsParsedByPrefixAndDowngraded() throws {
        for value in [
            "cc-\(Self.trace)-\(Self.parent)-01", "cc-\(Self.trace)-\(Self.parent)-01-what-the-future-will-be-like",
        ] {
            let context = try parse(value)
            #expect(context.version == 0xCC)
            #expect(context.traceID.hex == Self.trace)
            #expect(context.traceparent == "00-\(Self.trace)-\(Self.parent)-01")
        }
    }

    @Test func futureVersionNeedsADashAfterTheFlags() {
        #expect(
            error("cc-\(Self.trace)-\(Self.parent)-01.what-the-future-will-be-like")
                == .missingDelimiter(after: .traceFlags, found: ".", position: 55))
    }

    @Test func futureVersionKeepsOnlyFlagsVersion00Defines() throws {
        let context = try parse("cc-\(Self.trace)-\(Self.parent)-ff")
        #expect(context.flags == .sampled)
    }

    @Test func versionFFIsForbidden() {
        #expect(error("ff-\(Self.trace)-\(Self.parent)-01") == .forbiddenVersion)
    }

    @Test func versionMustBeTwoLowercaseHexDigits() {
        #expect(
            error(".0-\(Self.trace)-\(Self.parent)-01") == .invalidCharacter(field: .version, found: ".", position: 0))
        #expect(
            error("0.-\(Self.trace)-\(Self.parent)-01") == .invalidCharacter(field: .version, found: ".", position: 1))
        #expect(
            error("000-\(Self.trace)-\(Self.parent)-01") == .missingDelimiter(after: .version, found: "0", position: 2))
        #expect(
            error("0-\(Self.trace)-\(Self.parent)-01") == .invalidCharacter(field: .version, found: "-", position: 1))
        #expect(
            error("0A-\(Self.trace)-\(Self.parent)-01") == .uppercaseHexDigit(field: .version, found: "A", position: 1))
    }

    @Test func traceIDRules() {
        #expect(error("00-00000000000000000000000000000000-\(Self.parent)-01") == .zeroTraceID)
        #expect(
            error("00-.2345678901234567890123456789012-\(Self.parent)-01")
                == .invalidCharacter(field: .traceID, found: ".", position: 3))
        #expect(
            error("00-1234567890123456789012345678901.-\(Self.parent)-01")
                == .invalidCharacter(field: .traceID, found: ".", position: 34))
        #expect(
            error("00-123456789012345678901234567890123-\(Self.parent)-01")
                == .missingDelimiter(after: .traceID, found: "3", position: 35))
        #expect(
            error("00-1234567890123456789012345678901-\(Self.parent)-01")
                == .invalidCharacter(field: .traceID, found: "-", position: 34))
        #expect(
            error("00-4BF92F3577B34DA6A3CE929D0E0E4736-\(Self.parent)-01")
                == .uppercaseHexDigit(field: .traceID, found: "B", position: 4))
    }

    @Test func parentIDRules() {
        #expect(error("00-\(Self.trace)-0000000000000000-01") == .zeroParentID)
        #expect(
            error("00-\(Self.trace)-.234567890123456-01")
                == .invalidCharacter(field: .parentID, found: ".", position: 36))
        #expect(
            error("00-\(Self.trace)-123456789012345.-01")
                == .invalidCharacter(field: .parentID, found: ".", position: 51))
        #expect(
            error("00-\(Self.trace)-12345678901234567-01")
                == .missingDelimiter(after: .parentID, found: "7", position: 52))
        #expect(
            error("00-\(Self.trace)-123456789012345-01")
                == .invalidCharacter(field: .parentID, found: "-", position: 51))
    }

    @Test func traceFlagsRules() {
        #expect(
            error("00-\(Self.trace)-\(Self.parent)-.0")
                == .invalidCharacter(field: .traceFlags, found: ".", position: 53))
        #expect(
            error("00-\(Self.trace)-\(Self.parent)-0.")
                == .invalidCharacter(field: .traceFlags, found: ".", position: 54))
        #expect(error("00-\(Self.trace)-\(Self.parent)-001") == .wrongLength(length: 56))
        #expect(error("00-\(Self.trace)-\(Self.parent)-1") == .truncated(field: .traceFlags, length: 54))
        #expect(
            error("00-\(Self.trace)-\(Self.parent)-0F")
                == .uppercaseHexDigit(field: .traceFlags, found: "F", position: 54))
    }

    @Test(arguments: [" ", "\t", " \t", "\t "])
    func optionalWhitespaceAroundTheValueIsAccepted(_ ows: String) throws {
        #expect(try parse(ows + Self.valid).traceID.hex == Self.trace)
        #expect(try parse(Self.valid + ows).traceID.hex == Self.trace)
        #expect(try parse(ows + Self.valid + ows).traceID.hex == Self.trace)
    }

    @Test func otherWhitespaceIsNotOptionalWhitespace() {
        #expect(error("\n" + Self.valid) == .invalidCharacter(field: .version, found: "\n", position: 0))
        #expect(error(Self.valid + "\r\n") == .wrongLength(length: 57))
    }

    @Test func emptyValuesAreRejected() {
        #expect(error("") == .empty)
        #expect(error(" \t ") == .empty)
    }

    @Test func shortValuesNameTheFieldTheyEndIn() {
        #expect(error("00") == .truncated(field: .version, length: 2))
        #expect(error("00-1234") == .truncated(field: .traceID, length: 7))
        #expect(error("00-\(Self.trace)") == .truncated(field: .traceID, length: 35))
    }

    @Test func positionsCountUnicodeScalars() {
        #expect(
            error("00-é2345678901234567890123456789012-\(Self.parent)-01")
                == .invalidCharacter(field: .traceID, found: "é", position: 3))
        #expect(
            error("00-1é345678901234567890123456789012-\(Self.parent)-01")
                == .invalidCharacter(field: .traceID, found: "é", position: 4))
    }

    @Test func descriptionsAreReadableAndTerminalSafe() {
        let hexError = TraceParentError.invalidCharacter(field: .traceID, found: "X", position: 12)
        #expect(hexError.description == "trace-id must be 32 lowercase hex digits, found 'X' at position 12")
        #expect(
            TraceParentError.uppercaseHexDigit(field: .parentID, found: "B", position: 40).description
                == "parent-id must be 16 lowercase hex digits, found uppercase 'B' at position 40")
        #expect(
            TraceParentError.invalidCharacter(field: .version, found: "\u{1B}", position: 0).description
                == "version must be 2 lowercase hex digits, found U+001B at position 0")
        #expect(
            TraceParentError.wrongLength(length: 56).description
                == "a version 00 traceparent must be exactly 55 characters, found 56")
        #expect(TraceParentError.forbiddenVersion.description.contains("ff"))
        #expect(TraceParentError.zeroTraceID.description == "trace-id must not be all zeros")
        #expect(TraceParentError.zeroParentID.description == "parent-id must not be all zeros")
        #expect(
            TraceParentError.missingDelimiter(after: .traceID, found: "3", position: 35).description
                == "expected '-' after trace-id at position 35, found '3'")
    }

    @Test func tracestateIsParsedAlongAndAnInvalidOneIsDiscarded() throws {
        let context = try parse(Self.valid, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        #expect(context.traceState["congo"] == "t61rcWkgMzE")
        #expect(context.tracestate == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        let discarded = try parse(Self.valid, "foo=1,foo=2")
        #expect(discarded.traceState == .empty)
        #expect(discarded.tracestate == nil)
        #expect(discarded.traceID.hex == Self.trace)
    }

    @Test func formattingRoundTripsRandomContexts() throws {
        for seed in SplitMix64.seeds([11, 12, 13]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<500 {
                let context = TraceContext(
                    traceID: TraceID(high: random.next(), low: random.next() | 1),
                    spanID: SpanID(random.next() | 1),
                    flags: TraceFlags(rawValue: UInt8(truncatingIfNeeded: random.next())))
                let parsed = try parse(context.traceparent)
                var received = context
                received.isRemote = true  // a parsed context came from another process
                #expect(!context.isRemote && parsed.isRemote)
                #expect(parsed == received, "seed \(seed): \(context.traceparent)")
            }
        }
    }

    /// An independent statement of the grammar, used as the oracle for the mutation test below.
    private static func oracleAccepts(_ value: String) -> Bool {
        var scalars = Array(value.unicodeScalars)[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        scalars = Array(scalars)[...]
        let isHex: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        guard scalars.count >= 55 else { return false }
        for (index, scalar) in scalars.prefix(55).enumerated() {
            let isDash = [2, 35, 52].contains(index)
            guard isDash ? scalar == "-" : isHex(scalar) else { return false }
        }
        let version = String(String.UnicodeScalarView(scalars[0..<2]))
        if version == "ff" { return false }
        if version == "00" && scalars.count != 55 { return false }
        if version != "00" && scalars.count > 55 && scalars[55] != "-" { return false }
        if scalars[3..<35].allSatisfy({ $0 == "0" }) || scalars[36..<52].allSatisfy({ $0 == "0" }) { return false }
        return true
    }

    @Test func singleCharacterMutationsAgreeWithTheGrammar() {
        let alphabet = Array("0123456789abcdefABCDEF-. xz\u{00E9}".unicodeScalars)
        for seed in SplitMix64.seeds([21, 22, 23, 24]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<2_000 {
                let version = random.next() % 4 == 0 ? "cc" : "00"
                var scalars = Array(
                    "\(version)-\(TraceID(high: random.next(), low: random.next()).hex)-\(SpanID(random.next()).hex)-01"
                        .unicodeScalars)
                switch random.next() % 3 {
                case 0:
                    scalars[Int(random.next() % UInt64(scalars.count))] =
                        alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1:
                    scalars.insert(
                        alphabet[Int(random.next() % UInt64(alphabet.count))],
                        at: Int(random.next() % UInt64(scalars.count + 1)))
                default: scalars.remove(at: Int(random.next() % UInt64(scalars.count)))
                }
                let value = String(String.UnicodeScalarView(scalars))
                let accepted = (try? TraceContext(traceparent: value)) != nil
                #expect(accepted == Self.oracleAccepts(value), "seed \(seed): '\(value)'")
            }
        }
    }
}
