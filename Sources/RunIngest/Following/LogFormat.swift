/// How the files of a run are read.
public enum LogReading: Sendable {
    /// Tailed: new bytes go to a parser, made afresh whenever the file is read from its start
    /// again (truncation, replacement).
    case appending(@Sendable () -> any AppendingLogParser)
    /// Parsed whole whenever the file changes (it is rewritten, not appended to).
    case wholeFile(any WholeFileLogParser)
}

/// A run that a format found: its files, in the order their points follow one another
/// (e.g. a TensorBoard folder's event files by creation time), and how to read them.
public struct RunClaim: Sendable {
    /// The run's path relative to the watched root (a file, or a folder for folder formats).
    public var id: String
    public var name: String
    public var format: String
    /// Absolute paths.
    public var files: [String]
    public var reading: LogReading
    /// Files beside the run that hold metadata (config.json, hparams.yaml, config.yaml…).
    public var metadataFiles: [String]
    /// Turns the bytes of `metadataFiles` (by path; missing files absent) into metadata.
    public var metadataParser: (@Sendable ([String: [UInt8]]) -> MetadataReading)?

    public init(id: String, name: String, format: String, files: [String], reading: LogReading,
                metadataFiles: [String] = [], metadataParser: (@Sendable ([String: [UInt8]]) -> MetadataReading)? = nil) {
        self.id = id
        self.name = name
        self.format = format
        self.files = files
        self.reading = reading
        self.metadataFiles = metadataFiles
        self.metadataParser = metadataParser
    }
}

/// What a run's metadata files said, and the problems of those that could not be read as
/// metadata: each names its file (relative to the root) and its line when the parser knows
/// it, so the user sees why a run lacks its N or its plan.
public struct MetadataReading: Sendable {
    public var metadata: RunMetadata
    public var problems: [ParseIssue]

    public init(_ metadata: RunMetadata = RunMetadata(), problems: [ParseIssue] = []) {
        self.metadata = metadata
        self.problems = problems
    }

    /// A file that could not be read as metadata; 0 for a line: the file as a whole.
    static func failed(_ file: String, line: Int?, _ message: String) -> MetadataReading {
        MetadataReading(problems: [ParseIssue(file: file, line: line ?? 0, message: message)])
    }
}

/// A log format: which files of a folder are runs of it. Formats are asked in order, and a
/// file one format claims is not offered to the next.
public struct LogFormat: Sendable {
    public var name: String
    /// Given a folder (absolute path), the names of its regular files and the watched root,
    /// the runs found there and the names they use.
    public var claim: @Sendable (_ folder: String, _ fileNames: [String], _ root: String) -> (runs: [RunClaim], used: Set<String>)

    public init(name: String,
                claim: @escaping @Sendable (_ folder: String, _ fileNames: [String], _ root: String) -> (runs: [RunClaim], used: Set<String>)) {
        self.name = name
        self.claim = claim
    }
}

extension LogFormat {
    /// The path of `path` relative to `root`; the root itself (a run folder given as the
    /// folder to watch) by its own name.
    public static func relative(_ path: String, to root: String) -> String {
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        if path == root, let name = root.split(separator: "/").last { return String(name) }
        return path
    }
}
