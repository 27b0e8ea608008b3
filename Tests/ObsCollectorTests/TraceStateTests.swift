import Foundation
import ObsCollector
import ObsTestSupport
import Testing

/// Cases follow W3C Trace Context Level 1 and the W3C test suite's strict level.
@Suite("TraceState tracestate parsing")
struct TraceStateTests {
    @Test func parsesAndKeepsOrder() throws {
        let state = try #require(TraceState(header: "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"))
        #expect(state.entries.map(\.key) == ["rojo", "congo"])
        #expect(state["rojo"] == "00f067aa0ba902b7")
        #expect(state.header == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
    }

    @Test(arguments: [
        "foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3",
    ])
    func optionalWhitespaceAroundMembersIsIgnored(_ header: String) throws {
        let state = try #require(TraceState(header: header))
        #expect(state.header == "foo=1,bar=2,baz=3")
    }

    @Test(arguments: [" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t"])
    func whitespaceAroundASingleMemberIsIgnored(_ header: String) throws {
        #expect(try #require(TraceState(header: header))["foo"] == "1")
    }

    @Test func leadingSpacesBelongToTheValue() throws {
        #expect(try #require(TraceState(header: "foo=  1"))["foo"] == "  1")
    }

    @Test func emptyHeadersAndMembersAreAccepted() throws {
        #expect(TraceState(header: "") == .empty)
        #expect(TraceState(header: " , ,\t") == .empty)
        #expect(try #require(TraceState(header: ",,foo=1, ,")).header == "foo=1")
        #expect(try #require(TraceState(headers: ["", "foo=1"])).header == "foo=1")
    }

    @Test func multipleHeadersCombineInOrder() throws {
        let state = try #require(TraceState(headers: ["foo=1,bar=2", "rojo=1,congo=2", "baz=3"]))
        #expect(state.header == "foo=1,bar=2,rojo=1,congo=2,baz=3")
    }

    @Test(arguments: [["foo=1,foo=1"], ["foo=1,foo=2"], ["foo=1", "foo=1"], ["foo=1", "foo=2"]])
    func duplicatedKeysDiscardTheWholeHeader(_ headers: [String]) {
        #expect(TraceState(headers: headers) == nil)
    }

    @Test func allAllowedCharactersAreAccepted() throws {
        let keyWithoutVendor = "abcdefghijklmnopqrstuvwxyz0123456789_-*/"
        let keyWithVendor = keyWithoutVendor + "@a-z0-9_-*/"
        let value = String(
            String.UnicodeScalarView(
                (0x20...0x7E).filter { $0 != 0x2C && $0 != 0x3D }.map { Unicode.Scalar(UInt8($0)) }))
        #expect(try #require(TraceState(header: keyWithoutVendor + "=" + value))[keyWithoutVendor] == value)
        #expect(try #require(TraceState(header: keyWithVendor + "=" + value))[keyWithVendor] == value)
    }

    @Test(arguments: [
        "foo =1", "FOO=1", "foo.bar=1",  // illegal key characters
        "foo@=1,bar=2", "@foo=1,bar=2", "foo@@bar=1,bar=2", "foo@bar@baz=1,bar=2",  // illegal vendor format
        "foo=bar=baz", "foo=,bar=3", "foo=1\u{7F}", "foo=é",  // illegal values
        "foo", "=1",  // not a key=value pair
    ])
    func anInvalidMemberDiscardsTheWholeHeader(_ header: String) {
        #expect(TraceState(header: header) == nil)
    }

    @Test func memberCountLimitIs32() throws {
        let members = (1...33).map { "bar\($0)=\($0)" }
        #expect(try #require(TraceState(header: members.prefix(32).joined(separator: ","))).entries.count == 32)
        #expect(TraceState(header: members.joined(separator: ",")) == nil)
    }

    @Test func keyAndValueLengthLimits() {
        #expect(TraceState(header: String(repeating: "z", count: 256) + "=1") != nil)
        #expect(TraceState(header: String(repeating: "z", count: 257) + "=1") == nil)
        #expect(
            TraceState(header: String(repeating: "t", count: 241) + "@" + String(repeating: "v", count: 14) + "=1")
                != nil)
        #expect(TraceState(header: String(repeating: "t", count: 242) + "@v=1") == nil)
        #expect(TraceState(header: "t@" + String(repeating: "v", count: 15) + "=1") == nil)
        #expect(TraceState(header: "1tenant@v=1") != nil)  // a tenant id may start with a digit
        #expect(TraceState(header: "1simple=1") == nil)  // a simple key may not
        #expect(TraceState(header: "k=" + String(repeating: "x", count: 256)) != nil)
        #expect(TraceState(header: "k=" + String(repeating: "x", count: 257)) == nil)
    }

    @Test func settingMovesTheEntryToTheFront() throws {
        let state = try #require(TraceState(header: "congo=1,rojo=2"))
        #expect(try #require(state.setting("3", forKey: "rojo")).header == "rojo=3,congo=1")
        #expect(try #require(state.setting("4", forKey: "new")).header == "new=4,congo=1,rojo=2")
        #expect(state.setting("x", forKey: "BAD") == nil)
        #expect(state.setting("a,b", forKey: "ok") == nil)
        #expect(state.removing("congo").header == "rojo=2")
        #expect(state.removing("absent") == state)
    }

    @Test func addingToAFullStateDropsTheRightMostEntry() throws {
        let full = try #require(TraceState(header: (1...32).map { "k\($0)=\($0)" }.joined(separator: ",")))
        let added = try #require(full.setting("x", forKey: "new"))
        #expect(added.entries.count == 32)
        #expect(added.entries.first?.key == "new")
        #expect(added["k32"] == nil)
        #expect(added["k31"] == "31")
    }

    @Test func entryInitializerValidates() {
        #expect(TraceState(entries: [.init(key: "a", value: "1"), .init(key: "b", value: "2")])?.header == "a=1,b=2")
        #expect(TraceState(entries: [.init(key: "a", value: "1"), .init(key: "a", value: "2")]) == nil)
        #expect(TraceState(entries: [.init(key: "a", value: "1 ")]) == nil)
    }

    @Test func formattedHeadersParseBackToTheSameState() throws {
        let keyAlphabet = Array("abcxyz019_-*/")
        for seed in SplitMix64.seeds([31, 32, 33]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<300 {
                var state = TraceState.empty
                for _ in 0..<Int(random.next() % 40) {
                    let key =
                        "k"
                        + String(
                            (0..<Int(random.next() % 8)).map { _ in
                                keyAlphabet[Int(random.next() % UInt64(keyAlphabet.count))]
                            })
                    let value = String(
                        (0..<Int(1 + random.next() % 12)).map { _ in
                            Character(Unicode.Scalar(UInt8(0x21 + random.next() % 94)))
                        }
                    )
                    .replacingOccurrences(of: ",", with: "x").replacingOccurrences(of: "=", with: "y")
                    state = try #require(state.setting(value, forKey: key), "seed \(seed): \(key)=\(value)")
                }
                #expect(state.entries.count <= 32, "seed \(seed)")
                #expect(TraceState(header: state.header) == state, "seed \(seed): \(state.header)")
            }
        }
    }
}
