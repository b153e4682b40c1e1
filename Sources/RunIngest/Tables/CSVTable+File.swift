import Foundation

extension CSVTable {
    /// Read a CSV file (read-only) and parse it. The table's source is the file's name.
    public static func read(path: String) throws(TableError) -> (table: CSVTable, issues: [ParseIssue]) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch { throw .unreadable(path: path, reason: "\(error)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "not UTF-8 text") }
        return parse(text, source: (path as NSString).lastPathComponent)
    }
}
