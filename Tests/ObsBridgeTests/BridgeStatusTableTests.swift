import Foundation
import ObsBridge
import ObsTestSupport
import Testing

/// ``BridgeStatus`` is the one Swift table of the status codes; it must say what the header and the
/// native library say.
extension BridgeTests {
    /// `OBSB_STATUS_NAME value` pairs from the canonical header.
    static func headerStatuses() throws -> [(name: String, value: Int32)] {
        let header = CommandRunner.packageRoot().appendingPathComponent("rust/include/obsbridge.h")
        let text = try String(contentsOf: header, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 3, words[0] == "#define", words[1].hasPrefix("OBSB_STATUS_"),
                let value = Int32(words[2])
            else { return nil }
            return (String(words[1]), value)
        }
    }

    @Test("the Swift status table matches the header and the native names")
    func statusTableMatchesHeader() throws {
        let header = try Self.headerStatuses()
        #expect(header.count >= 14, "the header's statuses were found")
        #expect(header.map(\.name) == BridgeStatus.known.map(\.name))
        #expect(header.map(\.value) == BridgeStatus.known.map(\.status.rawValue))
        for (status, name) in BridgeStatus.known {
            #expect(status.name == name)
            #expect(Bridge.nativeStatusName(status) == name)
        }
        let unknown = BridgeStatus(rawValue: 4_242)
        #expect(unknown.name == Bridge.nativeStatusName(unknown))
        #expect(unknown.description == "OBSB_STATUS_UNKNOWN(4242)")
    }
}
