/// A table of final points read from CSV: a header row, then one row per record (RFC 4180:
/// quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF), split by
/// `CSVRecordSplitter`.
/// Parsing is pure (text in, rows and issues out); `read(path:)` is the only file access.
public struct CSVTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 1-based line where the record starts, for error messages.
        public var line: Int
        public var fields: [String]
    }

    /// Name of the source, for messages ("runs.csv").
    public var source: String
    public var header: [String]
    public var rows: [Row]

    /// Parse CSV text. Rows whose field count differs from the header are reported and
    /// skipped; blank lines are ignored.
    public static func parse(_ text: String, source: String) -> (table: CSVTable, issues: [ParseIssue]) {
        var issues: [ParseIssue] = []
        let split = CSVRecordSplitter.split(Array(text.utf8), final: true)
        if let line = split.unclosedQuoteLine {
            issues.append(ParseIssue(file: source, line: line, message: "a quoted field is never closed"))
        }
        let records = split.records
        guard let first = records.first else {
            issues.append(ParseIssue(file: source, line: 0, message: "no header row: the file is empty"))
            return (CSVTable(source: source, header: [], rows: []), issues)
        }
        let header = first.fields.map { $0.csvTrimmed }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                issues.append(ParseIssue(file: source, line: record.line,
                                         message: "\(record.fields.count) fields where the header has \(header.count); row skipped"))
                continue
            }
            rows.append(Row(line: record.line, fields: record.fields))
        }
        return (CSVTable(source: source, header: header, rows: rows), issues)
    }

    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Rows that satisfy every filter (`COLUMN=VALUE`, exact match after trimming spaces).
    public func filtered(by filters: [RowFilter]) throws(TableError) -> CSVTable {
        var resolved: [(Int, String)] = []
        for f in filters {
            guard let k = columnIndex(f.column) else { throw .unknownColumn(f.column, source: source, available: header) }
            resolved.append((k, f.value))
        }
        var copy = self
        copy.rows = rows.filter { row in resolved.allSatisfy { row.fields[$0.0].csvTrimmed == $0.1 } }
        return copy
    }

    /// The column as numbers; a cell that is not a number is an error naming its line.
    /// "nan"/"inf" parse (as Double does) so the fit can report them as non-finite input.
    public func numbers(_ column: String) throws(TableError) -> [Double] {
        guard let k = columnIndex(column) else { throw .unknownColumn(column, source: source, available: header) }
        var out: [Double] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            let text = row.fields[k].csvTrimmed
            guard let v = Double(text) else { throw .notANumber(column: column, text: text, source: source, line: row.line) }
            out.append(v)
        }
        return out
    }

    public func strings(_ column: String) throws(TableError) -> [String] {
        guard let k = columnIndex(column) else { throw .unknownColumn(column, source: source, available: header) }
        return rows.map { $0.fields[k] }
    }
}

/// A `--where COLUMN=VALUE` filter.
public struct RowFilter: Sendable, Equatable {
    public var column: String
    public var value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }

    /// Parse `COLUMN=VALUE` (split at the first `=`).
    public init?(_ text: String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        column = String(text[..<eq]).csvTrimmed
        value = String(text[text.index(after: eq)...]).csvTrimmed
    }
}

/// Problems with a table as a whole, each naming the file and, where it can, the line.
public enum TableError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownColumn(String, source: String, available: [String])
    case notANumber(column: String, text: String, source: String, line: Int)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownColumn(name, source, available):
            return "\(source): no column \"\(name)\"; the header has: \(available.joined(separator: ", "))"
        case let .notANumber(column, text, source, line):
            return "\(source):\(line): \(column) is \"\(text)\", not a number"
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason))"
        }
    }
}

extension String {
    var csvTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
