import CLibFuzzer
import ObsCollector

#if canImport(Glibc)
import Glibc
#endif

/// Input: the first byte picks a length limit, the rest is the message (any bytes, lossily decoded).
/// Checks: the result is bounded (maxLength characters), holds no character a terminal could
/// interpret, and a message cut by the window or the limit says so; neutralizing is idempotent.
func fuzzSanitizer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard let first = bytes.first else { return 0 }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let limit = first < 0x80 ? 1024 : Int(first) - 0x80 + 1
    let sanitizer = limit == 1024 ? Sanitizer.standard : Sanitizer(maxLength: limit)
    let result = sanitizer.sanitize(text)
    guard result.text.count <= sanitizer.maxLength else {
        fatalError("result of \(result.text.count) characters exceeds \(sanitizer.maxLength)")
    }
    if let bad = result.text.unicodeScalars.first(where: TerminalText.needsEscape) {
        fatalError("control character U+\(String(bad.value, radix: 16)) survived sanitizing")
    }
    if text.utf8.count > Sanitizer.inputWindowBytes, !result.truncated {
        fatalError("a message longer than the window was not marked truncated")
    }
    let once = TerminalText.neutralize(text)
    if once.unicodeScalars.contains(where: TerminalText.needsEscape) || TerminalText.neutralize(once) != once {
        fatalError("neutralize is not total or not idempotent")
    }
    return 0
}

// libFuzzer's driver: runs the inputs or corpus directories given on the command line, or fuzzes.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
        fuzzSanitizer(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    })
