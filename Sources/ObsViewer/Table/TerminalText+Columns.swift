public import ObsCollector

extension TerminalText {
    /// `text` fitted to exactly `width` columns: cut with a trailing `…` when longer, padded with
    /// spaces when shorter, on the right (`alignLeft`) or the left. Counts characters, so it
    /// assumes one column per character, as the tables' text (names, numbers, units) has.
    public static func fit(_ text: String, _ width: Int, alignLeft: Bool = false) -> String {
        let cut = text.count > width ? String(text.prefix(max(1, width - 1))) + "…" : text
        let padding = String(repeating: " ", count: max(0, width - cut.count))
        return alignLeft ? cut + padding : padding + cut
    }
}
