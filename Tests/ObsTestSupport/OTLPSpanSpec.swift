import Foundation

/// A span written by hand for tests, as one OTLP JSON span object with ObsBridge's attributes.
package struct OTLPSpanSpec {
    package var trace: UInt64
    package var id: UInt64
    package var parent: UInt64?
    package var name: String
    package var kind: String
    package var thread: Int
    package var start: UInt64
    package var end: UInt64
    /// Domain, code and message of a failure.
    package var failure: (domain: String, code: Int, message: String)?

    package init(
        trace: UInt64, id: UInt64, parent: UInt64? = nil, name: String, kind: String, thread: Int, start: UInt64,
        end: UInt64, failure: (domain: String, code: Int, message: String)? = nil
    ) {
        self.trace = trace
        self.id = id
        self.parent = parent
        self.name = name
        self.kind = kind
        self.thread = thread
        self.start = start
        self.end = end
        self.failure = failure
    }

    package static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The span as an OTLP JSON object.
    package var json: String {
        var out = "{\"traceId\":\"\(Self.hex(trace, digits: 32))\",\"spanId\":\"\(Self.hex(id, digits: 16))\""
        if let parent { out += ",\"parentSpanId\":\"\(Self.hex(parent, digits: 16))\"" }
        out += ",\"name\":\(Self.string(name)),\"startTimeUnixNano\":\"\(start)\",\"endTimeUnixNano\":\"\(end)\""
        out += ",\"attributes\":[{\"key\":\"obsbridge.span.kind\",\"value\":{\"stringValue\":\"\(kind)\"}}"
        out += ",{\"key\":\"obsbridge.thread\",\"value\":{\"intValue\":\"\(thread)\"}}"
        if let failure {
            out +=
                ",{\"key\":\"error.type\",\"value\":{\"stringValue\":\(Self.string("\(failure.domain):\(failure.code)"))}}"
            out += ",{\"key\":\"obsbridge.error.domain\",\"value\":{\"stringValue\":\(Self.string(failure.domain))}}"
            out += ",{\"key\":\"obsbridge.error.code\",\"value\":{\"intValue\":\"\(failure.code)\"}}"
            out += "],\"status\":{\"code\":2,\"message\":\(Self.string(failure.message))}}"
        } else {
            out += "],\"status\":{}}"
        }
        return out
    }

    /// One `TracesData` line holding `spans`, with a `service.name`.
    package static func line(_ spans: [OTLPSpanSpec], service: String = "svc") -> String {
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":"
            + string(service) + "}}]},\"scopeSpans\":[{\"spans\":[" + spans.map(\.json).joined(separator: ",")
            + "]}]}]}"
    }

    static func string(_ text: String) -> String {
        String(
            decoding: try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]),
            as: UTF8.self
        )
        .dropFirst().dropLast().description
    }
}
