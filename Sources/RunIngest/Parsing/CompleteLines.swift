/// The complete lines of a chunk of a text log: every line that ends in `\n` (a `\r`
/// before it dropped), numbered from `firstRecord`; a last line without its newline is
/// left for later, since the writer may be half-way through it.
enum CompleteLines {
    /// Calls `body` with each complete line and its number; returns the bytes and lines
    /// consumed, for `ParseOutcome`.
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int,
                        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int) -> Void) -> (bytes: Int, records: Int) {
        var lineStart = 0
        var lineNumber = firstRecord
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            var end = i
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }   // CRLF
            body(UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), lineNumber)
            lineStart = i + 1
            lineNumber += 1
        }
        return (lineStart, lineNumber - firstRecord)
    }
}
