/// Splits CSV bytes into records of fields (RFC 4180: quoted fields, doubled quotes, commas
/// and newlines inside quotes; CRLF, LF or a bare CR ends a record). The one field splitter
/// shared by `CSVTable` (final points) and the metric parsers (`CSVMetricsParser`,
/// `LightningMetricsParser`). Works on UTF-8 bytes: every delimiter is ASCII, so a
/// multi-byte character can never be mistaken for one.
public struct CSVRecordSplitter {
    public struct Record: Sendable, Equatable {
        /// 1-based line where the record starts.
        public var line: Int
        public var fields: [String]
    }

    public struct Result: Sendable {
        /// Complete records, blank lines left out.
        public var records: [Record] = []
        /// Bytes up to the end of the last complete record (or blank line).
        public var consumedBytes = 0
        /// Lines those bytes span, blank lines and newlines inside quotes included.
        public var consumedLines = 0
        /// At the end of final input: the line of a record whose quoted field never closed.
        public var unclosedQuoteLine: Int?
    }

    /// Split `bytes`, numbering lines from `firstLine`. When `final` is false, a last record
    /// without its line ending (or inside an open quote) is left unconsumed, as is a last
    /// bare CR that may be the first half of a CRLF. When `final` is true, the rest of the
    /// input is one last record even without a line ending.
    public static func split(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, final: Bool) -> Result {
        var result = Result()
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var line = firstLine
        var recordLine = firstLine
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }  // byte-order mark

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            if !(fields.count == 1 && field.isEmpty && !fieldWasQuoted) {
                result.records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = []
            fieldWasQuoted = false
        }

        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 1 }
                    else if i + 1 == bytes.count && !final { break }   // maybe the first of a doubled quote
                    else { inQuotes = false }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case quote:
                    if field.isEmpty { inQuotes = true; fieldWasQuoted = true } else { field.append(c) }
                case comma:
                    fields.append(String(decoding: field, as: UTF8.self))
                    field = []
                    fieldWasQuoted = false
                case cr:
                    if i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
                    else if i + 1 == bytes.count && !final { i = bytes.count; continue }
                    endRecord(); line += 1; recordLine = line
                    result.consumedBytes = i + 1
                    result.consumedLines = line - firstLine
                case lf:
                    endRecord(); line += 1; recordLine = line
                    result.consumedBytes = i + 1
                    result.consumedLines = line - firstLine
                default:
                    field.append(c)
                }
            }
            i += 1
        }
        if final {
            if inQuotes { result.unclosedQuoteLine = recordLine }
            if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
                endRecord()
                result.consumedLines = line - firstLine + 1
            }
            result.consumedBytes = bytes.count
        }
        return result
    }

    public static func split(_ bytes: [UInt8], firstLine: Int = 1, final: Bool) -> Result {
        bytes.withUnsafeBufferPointer { split($0, firstLine: firstLine, final: final) }
    }
}
