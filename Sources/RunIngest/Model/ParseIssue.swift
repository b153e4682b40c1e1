/// A piece of input that could not be used, with where it is and what was wrong.
public struct ParseIssue: Sendable, Equatable, CustomStringConvertible {
    /// Path of the file, relative to the watched root when possible.
    public var file: String
    /// 1-based line (or record) number; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// The problems of one file: how many, and the first one in full.
public struct FileIssues: Sendable, Equatable {
    public var count: Int
    public var first: ParseIssue
    public var latest: ParseIssue

    public init(_ issue: ParseIssue) {
        count = 1
        first = issue
        latest = issue
    }

    mutating func record(_ issue: ParseIssue) {
        count += 1
        latest = issue
    }
}
