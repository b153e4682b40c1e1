/// Follows one JSONL metrics file: reads what was appended since the last look, leaves a
/// half-written last line for later, and notices truncation, replacement and deletion.
/// The tailer and `StudyFollower` are the only code in RunIngest that touches files.
struct MetricsFileTailer {
    let path: String
    let displayPath: String
    var parser: JSONLMetricsParser
    private(set) var identity: FileIdentity?
    private(set) var offset = 0
    private(set) var nextLine = 1
    private(set) var isMissing = false

    init(path: String, displayPath: String, parser: JSONLMetricsParser) {
        self.path = path
        self.displayPath = displayPath
        self.parser = parser
    }

    enum Event: Equatable {
        case truncated
        case replaced
        case deleted
        case reappeared
    }

    /// Read whatever is new into `run`; report problems to `report`. Returns true when the
    /// run or its issues changed.
    mutating func poll(into run: inout Run, report: (ParseIssue) -> Void) -> Bool {
        guard let now = FileIdentity.of(path) else {
            if isMissing { return false }
            isMissing = true
            report(ParseIssue(file: displayPath, line: 0,
                              message: "file was deleted; keeping the \(run.points.count) points already read"))
            return true
        }
        var changed = false
        if isMissing {
            isMissing = false
            restart()
            changed = true
        } else if let before = identity, !now.isSameFile(as: before) {
            // Same name, new inode: log rotation or a rewrite by rename. Read the new file
            // from its start; points whose steps come again replace the old ones.
            restart()
            changed = true
        } else if now.size < offset {
            // Truncated in place (a restarted writer opened it with "w").
            restart()
            changed = true
        }
        identity = now
        guard now.size > offset else { return changed }

        let bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.read(path, from: offset)
        } catch {
            report(ParseIssue(file: displayPath, line: 0, message: ReadOnlyFile.message(error)))
            return true
        }
        let outcome = parser.parse(bytes, firstRecord: nextLine)
        for (_, point) in outcome.points {
            run.append(point)
        }
        for problem in outcome.problems {
            report(ParseIssue(file: displayPath, line: problem.record, message: problem.message))
        }
        offset += outcome.consumedBytes
        nextLine += outcome.consumedRecords
        return changed || !outcome.points.isEmpty || !outcome.problems.isEmpty
    }

    private mutating func restart() {
        offset = 0
        nextLine = 1
    }
}
