import ObsCollector

/// The names a generated package derives from the one `obsbridge new` is given.
///
/// `Greeter` gives the Swift package, module and type `Greeter`, the C module `CGreeter`, and the
/// Rust crate, library, C prefix and error domain `greeter` (`HTTPServer` gives `http_server`).
struct PackageName: Equatable {
    /// The Swift package, module and type name, as given.
    let swift: String
    /// The C module that declares the Rust functions: `C` + ``swift``.
    var cModule: String { "C" + swift }
    /// The Rust crate and library name, C function prefix and error domain (snake case).
    let rust: String
    /// ``rust`` in upper case, for C macros.
    var macro: String { rust.uppercased() }

    /// The longest name accepted.
    static let maximumLength = 64

    /// Names that would collide with a dependency, a standard module or a keyword in Swift or Rust.
    static let reserved: Set<String> = [
        "obsbridge", "cobsbridge", "obscollector", "obsviewer", "obstestkit", "obsdemo", "swift",
        "foundation", "testing", "xctest", "glibc", "std", "core", "alloc", "test", "proc_macro",
        "self", "super", "crate", "type", "any", "protocol", "class", "struct", "enum", "fn", "let",
        "var", "func", "match", "mod", "use", "impl", "trait", "where", "in", "as", "is", "if",
        "else", "for", "while", "loop", "return", "break", "continue", "true", "false", "nil",
        "init", "deinit", "extension", "import", "public", "private", "static", "async", "await",
        "try", "throw", "throws", "do", "catch", "unsafe", "extern", "ref", "mut", "move", "box",
        "dyn", "pub", "const", "typealias", "subscript", "operator", "default", "case", "switch",
    ]

    /// Validates `text`: an ASCII letter, then letters, digits or `_`, at most 64 characters, and
    /// not reserved.
    ///
    /// - Throws: ``UsageError`` saying which rule the name breaks.
    init(_ text: String) throws(UsageError) {
        let shown = TerminalText.neutralize(text).debugDescription
        guard let first = text.unicodeScalars.first else {
            throw UsageError("the package NAME is empty")
        }
        guard text.unicodeScalars.count <= Self.maximumLength else {
            throw UsageError("the package NAME \(shown) is longer than \(Self.maximumLength) characters")
        }
        guard Self.isLetter(first),
            text.unicodeScalars.allSatisfy({ Self.isLetter($0) || Self.isDigit($0) || $0 == "_" })
        else {
            throw UsageError(
                "the package NAME \(shown) is not an identifier: it must start with an ASCII letter and "
                    + "hold only ASCII letters, digits and _ (it names the Swift module and type and the Rust crate)"
            )
        }
        let rust = Self.snakeCase(text)
        guard !Self.reserved.contains(text.lowercased()), !Self.reserved.contains(rust) else {
            throw UsageError(
                "the package NAME \(shown) is reserved: it would collide with ObsBridge, a standard module "
                    + "or a Swift or Rust keyword")
        }
        swift = text
        self.rust = rust
    }

    /// `text` in snake case: `_` before an upper-case letter that starts a word, all lower case,
    /// runs of `_` collapsed (`MyLib` → `my_lib`, `HTTPServer` → `http_server`, `Lib2Go` → `lib2_go`).
    static func snakeCase(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            if isUpper(scalar), index > 0 {
                let previous = scalars[index - 1]
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let startsWord =
                    (!isUpper(previous) && previous != "_") || (isUpper(previous) && next.map(isLower) == true)
                if startsWord { result.append("_") }
            }
            if scalar == "_", result.hasSuffix("_") { continue }
            result.unicodeScalars.append(isUpper(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }

    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) }
    private static func isLower(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { isUpper(scalar) || isLower(scalar) }
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
