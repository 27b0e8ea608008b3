import ObsCollector

/// Random OTLP JSON Lines traces lines for property tests: valid JSON that varies everything a
/// producer may vary (key order, whitespace, strings or numbers for 64-bit integers, escapes,
/// non-ASCII text, unknown fields, nested attribute values) and breaks the span rules now and then
/// (ids that are not hex, an end before the start, missing fields).
///
/// Half the lines are "tame": they vary only what the fast scanner reads itself, so that the
/// property tests exercise the scanner and not only the strict parser it falls back to.
struct OTLPLineGenerator {
    var random: SplitMix64
    /// Whether the current line may hold forms the scanner hands to the strict parser.
    var wild = false

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// One `TracesData` object on one line.
    mutating func line() -> String {
        wild = chance(2)
        var resources: [String] = []
        for _ in 0..<(1 + pick(2)) { resources.append(resourceSpans()) }
        var members = [("resourceSpans", array(resources))]
        if chance(10) { members.append(("extra", "{\"nested\":[1,2.5,{\"a\":null}],\"b\":true}")) }
        return object(members)
    }

    mutating func resourceSpans() -> String {
        var members: [(String, String)] = []
        if !chance(10) {
            var attributes = [keyValue("service.name", stringValue(pickOne(["svc", "caf\\u00e9", "日本", ""])))]
            if chance(3) { attributes.append(keyValue("host.name", stringValue("h1"))) }
            members.append(("resource", object([("attributes", array(attributes.shuffled(using: &random)))])))
        }
        var scopes: [String] = []
        for _ in 0..<(1 + pick(2)) {
            var spans: [String] = []
            for _ in 0..<pick(5) { spans.append(span()) }
            var scope = [("spans", array(spans))]
            if chance(2) { scope.append(("scope", "{\"name\":\"obsbridge\",\"version\":\"0.2.0\"}")) }
            scopes.append(object(scope))
        }
        members.append(("scopeSpans", array(scopes)))
        if chance(5) { members.append(("schemaUrl", "\"https://opentelemetry.io/schemas/1.21.0\"")) }
        return object(members)
    }

    mutating func span() -> String {
        var members: [(String, String)] = []
        if !chance(30) { members.append(("traceId", id(digits: 32))) }
        if !chance(30) { members.append(("spanId", id(digits: 16))) }
        if chance(2) { members.append(("parentSpanId", id(digits: 16))) }
        if !chance(30) { members.append(("name", name())) }
        let start = 1_700_000_000_000_000_000 + random.next() % 1_000_000_000
        let end = chance(15) ? start - 1 - random.next() % 1000 : start + random.next() % 50_000_000
        if !chance(40) { members.append(("startTimeUnixNano", time(start))) }
        if !chance(40) { members.append(("endTimeUnixNano", time(end))) }
        if chance(2) { members.append(("flags", pickOne(["257", "769", "1", "0"] + (wild ? ["\"257\""] : [])))) }
        if chance(2) { members.append(("kind", pickOne(["1", "3", "\"SPAN_KIND_INTERNAL\""]))) }
        members.append(("attributes", array(attributes())))
        members.append(("status", status()))
        if chance(4) {
            members.append(
                (
                    "events",
                    "[{\"name\":\"e\",\"timeUnixNano\":\"5\",\"attributes\":[{\"key\":\"k\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"}]}}}]}]"
                ))
        }
        if chance(6) { members.append(("droppedAttributesCount", "0")) }
        if chance(6) { members.append(("traceState", "\"a=b\"")) }
        return object(members)
    }

    mutating func attributes() -> [String] {
        var list: [String] = []
        if !chance(10) {
            list.append(keyValue("obsbridge.span.kind", stringValue(pickOne(["boundary", "child", "caller", "x"]))))
        }
        if !chance(10) { list.append(keyValue("obsbridge.thread", intValue())) }
        if chance(3) {
            list.append(keyValue("error.type", stringValue(pickOne(["kv:404", "panic", "OBSB_STATUS_PANIC"]))))
            list.append(keyValue("obsbridge.error.domain", stringValue(pickOne(["kv", "json", "panic", "d\\\"q"]))))
            list.append(keyValue("obsbridge.error.code", intValue()))
            list.append(keyValue("obsbridge.status", stringValue("OBSB_STATUS_LIBRARY_ERROR")))
        }
        if chance(4) {
            list.append(
                keyValue(
                    "other",
                    pickOne([
                        "{\"boolValue\":true}", "{\"doubleValue\":0.25}", "{\"kvlistValue\":{\"values\":[]}}", "{}",
                    ])))
        }
        if chance(8) { list.append(keyValue("obsbridge.thread", "{\"stringValue\":\"7\"}")) }
        if chance(5) { list.append(keyValue("thread.name", stringValue(pickOne(["worker-1", "caf\\u00e9"])))) }
        if wild, chance(12) { list.append(keyValue("obsbridge.thread", "{\"doubleValue\":1e3}")) }
        return list.shuffled(using: &random)
    }

    mutating func status() -> String {
        switch pick(wild ? 9 : 5) {
        case 0: return "{}"
        case 1: return "{\"code\":2,\"message\":\(messageText())}"
        case 2: return "{\"message\":\(messageText()),\"code\":\"STATUS_CODE_ERROR\"}"
        case 3: return "{\"code\":1}"
        case 4: return "{\"code\":2}"
        case 5: return "{\"code\":2.0}"
        case 6: return "{\"code\":true}"
        case 7: return "{\"code\":2,\"message\":\(messageText()),\"code\":0}"
        default: return "{\"code\":\"STATUS_CODE_OK\"}"
        }
    }

    mutating func id(digits: Int) -> String {
        var hex = (0..<digits).map { _ in "0123456789abcdef".randomElement(using: &random)! }
        switch pick(wild ? 20 : 5) {
        case 0: hex[pick(digits)] = "g"
        case 1: hex.removeLast()
        case 2: hex = Array(repeating: "0", count: digits)
        case 3: hex = hex.map { Character($0.uppercased()) }
        case 4: return "\"\""
        case 5: return "12345"
        case 6: return "\"\\u0030" + String(hex.dropFirst()) + "\""
        default: break
        }
        return "\"" + String(hex) + "\""
    }

    mutating func name() -> String {
        pickOne(
            [
                "\"kv.get\"", "\"json.parse\"", "\"request\"", "\"\"", "\"quote\\\"d\"", "\"new\\nline\"",
                "\"caf\\u00e9\"", "\"日本語\"", "\"esc\\u001b[2J\"", "\"slash\\/ed\"", "\"sep\\u2028x\"",
            ] + (wild ? ["17"] : []))
    }

    mutating func messageText() -> String {
        pickOne(["\"malformed JSON near \\\"x\\\"\"", "\"kv lookup failed\"", "\"\"", "\"tab\\there\"", "\"ünïcödé\""])
    }

    mutating func time(_ value: UInt64) -> String {
        switch pick(wild ? 12 : 5) {
        case 0: return String(value)  // a JSON number
        case 1: return "\"00\(value)\""
        case 2: return "\"0\""
        case 5: return "\"+\(value)\""
        case 6: return "\"abc\""
        case 7: return "\"99999999999999999999999\""
        case 8: return "1.5"
        case 9: return "1e3"
        default: return "\"\(value)\""
        }
    }

    mutating func intValue() -> String {
        pickOne(
            [
                "{\"intValue\":\"3\"}", "{\"intValue\":4}", "{\"intValue\":\"-2\"}", "{\"intValue\":\"+5\"}",
                "{\"intValue\":\"x\"}", "{\"intValue\":\"\"}", "{\"intValue\":\"99999999999999999999\"}",
                "{\"intValue\":18446744073709551615}",
            ] + (wild ? ["{\"intValue\":-1}"] : []))
    }

    func stringValue(_ text: String) -> String { "{\"stringValue\":\"\(text)\"}" }

    mutating func keyValue(_ key: String, _ value: String) -> String {
        object([("key", "\"\(key)\""), ("value", value)])
    }

    // MARK: - Shape

    mutating func object(_ members: [(String, String)]) -> String {
        let shuffled = chance(3) ? members.shuffled(using: &random) : members
        return "{" + space()
            + shuffled.map { "\"\($0.0)\"" + space() + ":" + space() + $0.1 }
            .joined(separator: space() + "," + space()) + space() + "}"
    }

    mutating func array(_ elements: [String]) -> String {
        "[" + space() + elements.joined(separator: space() + "," + space()) + space() + "]"
    }

    mutating func space() -> String { chance(8) ? pickOne([" ", "\t", "  ", "\r"]) : "" }

    mutating func pick(_ count: Int) -> Int { Int(random.next() % UInt64(max(1, count))) }

    mutating func chance(_ oneIn: Int) -> Bool { pick(oneIn) == 0 }

    mutating func pickOne(_ choices: [String]) -> String { choices[pick(choices.count)] }
}
