import Foundation

/// Text for the report's HTML: escaping, and the few formats the report shows.
enum HTMLText {
    /// `text` safe in HTML text and in a double- or single-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Controls other than tab and newline have no place in a page.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A name cut to `limit` characters, then escaped.
    static func name(_ text: String, limit: Int = 120) -> String {
        escape(text.count > limit ? String(text.prefix(limit - 1)) + "…" : text)
    }

    /// A Unix time in nanoseconds as UTC ISO 8601 with milliseconds.
    static func time(_ unixNano: UInt64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(unixNano) / 1e9))
    }

    /// A count with thousands separators (1,234,567).
    static func count(_ value: UInt64) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// A power of ten of nanoseconds as an axis label: `1ns`, `10µs`, `100ms`, `1s`.
    static func decade(_ exponent: Int) -> String {
        let units = ["ns", "µs", "ms", "s"]
        let unit = min(units.count - 1, max(0, exponent / 3))
        let digits = max(0, exponent - unit * 3)
        return "1" + String(repeating: "0", count: digits) + units[unit]
    }

    /// A number for SVG coordinates: at most one decimal.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
