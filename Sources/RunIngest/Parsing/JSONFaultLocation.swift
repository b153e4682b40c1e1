/// Where in a JSON file a reader gave up, as the 1-based line a user opens the file at.
enum JSONFaultLocation {
    /// The line holding byte `offset` of `bytes`.
    static func line(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes.prefix(max(0, min(offset, bytes.count))).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The line at which `bytes` stop being JSON, found with our own reader: Foundation's
    /// JSONSerialization rejects a document without a position we can read (its message's
    /// wording is not an interface). Nil when our reader accepts the document (it also takes
    /// Python's `NaN` and `Infinity`, which Foundation refuses).
    static func line(ofFaultIn bytes: [UInt8]) -> Int? {
        switch PythonJSON.read(bytes) {
        case .success: return nil
        case .failure(.truncated): return line(ofByte: bytes.count, in: bytes)
        case .failure(.malformed(let offset, _)): return line(ofByte: offset, in: bytes)
        }
    }
}
