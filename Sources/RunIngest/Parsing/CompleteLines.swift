import Glibc

/// The complete lines of a chunk of a text log: every line that ends in `\n` (a `\r`
/// before it dropped), numbered from `firstRecord`; a last line without its newline is
/// left for later, since the writer may be half-way through it.
enum CompleteLines {
    /// Calls `body` with each complete line and its number; returns the bytes and lines
    /// consumed, for `ParseOutcome`.
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int,
                        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int) -> Void) -> (bytes: Int, records: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var lineStart = 0
        var lineNumber = firstRecord
        // memchr looks for the newline a vector at a time, not a byte at a time.
        while lineStart < bytes.count,
              let found = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
            let newline = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            var end = newline
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }   // CRLF
            body(UnsafeBufferPointer(start: base + lineStart, count: end - lineStart), lineNumber)
            lineStart = newline + 1
            lineNumber += 1
        }
        return (lineStart, lineNumber - firstRecord)
    }
}
