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
        while lineStart < bytes.count,
              let (length, next) = first(in: UnsafeBufferPointer(start: base + lineStart, count: bytes.count - lineStart)) {
            body(UnsafeBufferPointer(start: base + lineStart, count: length), lineNumber)
            lineStart += next
            lineNumber += 1
        }
        return (lineStart, lineNumber - firstRecord)
    }

    /// The first complete line of `text`: its length (a `\r` before the newline dropped) and
    /// where the next line starts; nil when `text` holds no newline.
    @inline(__always)
    static func first(in text: UnsafeBufferPointer<UInt8>) -> (length: Int, next: Int)? {
        // memchr looks for the newline a vector at a time, not a byte at a time.
        guard let base = text.baseAddress, let found = memchr(base, 0x0A, text.count) else { return nil }
        let newline = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        return (newline > 0 && text[newline - 1] == 0x0D ? newline - 1 : newline, newline + 1)   // CRLF
    }
}
