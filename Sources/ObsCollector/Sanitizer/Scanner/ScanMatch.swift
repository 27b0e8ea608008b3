/// What one rule found: the bytes `start..<end` of the scanned text, to be replaced by the rule's label.
struct ScanMatch: Sendable, Equatable {
    var start: Int
    var end: Int
    var rule: BuiltinRule
}
