/// Follows one log file of a run: reads what was appended since the last look (or the whole
/// file again when it is rewritten), leaves a half-written last record for later, and
/// notices truncation, replacement and deletion. The tailer and the follower's parts
/// (`StudyFollower`, `MLflowDatabases`, `MetadataFiles`) are the only code in RunIngest that
/// touches files.
struct SourceTailer {
    let path: String
    let displayPath: String
    let reading: LogReading
    private var parser: (any AppendingLogParser)?
    private(set) var identity: FileIdentity?
    private(set) var offset = 0
    private(set) var nextRecord = 1
    private(set) var isMissing = false
    /// Metadata the log itself carries (TensorBoard hparams, a W&B config record).
    private(set) var logMetadata: RunMetadata?
    /// The file's points as last parsed whole, kept only for runs of several rewritten files
    /// (see `refreshWholeFile`).
    private(set) var wholeFilePoints = MetricPoints()
    /// Problems with the file as it is now, which last only while their cause does: it is
    /// missing, it cannot be read, its whole-file parse found something wrong. Replaced at
    /// every look and empty once the file reads cleanly; the follower shows them beside the
    /// counted problems of its lines.
    private(set) var standing: [ParseIssue] = []

    init(path: String, displayPath: String, reading: LogReading) {
        self.path = path
        self.displayPath = displayPath
        self.reading = reading
    }

    /// Whether the file looks different from when it was last read (a cheap stat).
    func hasChanged() -> Bool {
        let now = FileIdentity.of(path)
        guard let now, let identity else { return now != nil || !isMissing }
        return now != identity
    }

    /// Whether an appended log must be read again from its start: it was truncated, or
    /// another file now has its name (rotation, an atomic save), or it came back after being
    /// deleted. The follower then reads the run afresh (see `TailedRuns.read`).
    func needsRestart() -> Bool {
        guard case .appending = reading, let now = FileIdentity.of(path) else { return false }
        if isMissing { return true }
        guard let identity else { return false }
        return !now.isSameFile(as: identity) || now.size < offset
    }

    /// Read whatever is new into `run`, report problems through `report`. Returns true when
    /// the run or its problems changed.
    mutating func poll(into run: inout Run, report: (ParseIssue) -> Void) -> Bool {
        guard let now = FileIdentity.of(path) else {
            if isMissing { return false }
            isMissing = true
            standing = [missingIssue(keeping: run.points.count)]
            return true
        }
        switch reading {
        case .appending(let makeParser):
            return pollAppending(now, makeParser: makeParser, into: &run, report: report)
        case .wholeFile:
            return pollWhole(now, into: &run)
        }
    }

    /// Forget the read position, so the next poll reads the file from its start.
    mutating func rewind() {
        offset = 0
        nextRecord = 1
        parser = nil
        identity = nil
        isMissing = false
        standing = []
    }

    private mutating func pollAppending(_ now: FileIdentity, makeParser: () -> any AppendingLogParser,
                                        into run: inout Run, report: (ParseIssue) -> Void) -> Bool {
        var changed = false
        if isMissing {
            isMissing = false
            standing = []
            rewind()
            changed = true
        } else if let before = identity, !now.isSameFile(as: before) {
            // Same name, new inode: log rotation or a rewrite by rename. Read the new file
            // from its start; points whose steps come again replace the old ones.
            rewind()
            changed = true
        } else if now.size < offset {
            // Truncated in place (a restarted writer opened it with "w").
            rewind()
            changed = true
        }
        identity = now
        var progressed = false
        // Read in bounded chunks so a large log never sits in memory whole, through two
        // buffers (sized for what there is to read, plus room for a file still growing):
        // see `ChunkReader`.
        let readingFromStart = offset == 0
        let reader = ChunkReader(path: path, capacity: max(0, min(SourceTailer.chunkBytes, now.size - offset + (1 << 16))))
        // The next chunk, parsed on another thread while this one is stored in the run.
        var ahead: ChunkParseAhead?
        defer { _ = ahead?.wait() }
        while now.size > offset {
            let next: Result<ChunkParseAhead.Parsed, ReadOnlyFile.Failure>
            if let job = ahead, job.offset == offset {
                next = job.wait()
            } else {
                _ = ahead?.wait()
                next = Result { () throws(ReadOnlyFile.Failure) in try readAndParse(reader, now: now, makeParser: makeParser) }
            }
            ahead = nil
            guard case .success(let parsed) = next else {
                if case .failure(let error) = next {
                    standing = [ParseIssue(file: displayPath, line: 0, message: ReadOnlyFile.message(error))]
                }
                return true
            }
            if !standing.isEmpty {
                standing = []
                changed = true
            }
            let count = parsed.count
            if count == 0 { break }
            let consumedBytes = parsed.consumedBytes, consumedRecords = parsed.consumedRecords
            parser = parsed.parser
            // A full chunk, and the parser stopped after its last newline: parse on from there
            // while this chunk's points are stored. Not for record formats: TensorBoard's
            // parse is one thread's, and the hop per chunk cost more than it saved (30 loads
            // of bench/ingest's 30 MB event file: 0.135–0.142 s a load, 0.150–0.166 s with it).
            if type(of: parsed.parser).consumesWholeLines, count == reader.capacity, consumedBytes > 0,
               offset + consumedBytes < now.size {
                ahead = ChunkParseAhead(reader: reader, offset: offset + consumedBytes, parser: parsed.parser,
                                        firstRecord: nextRecord + consumedRecords, fileSize: now.size)
            }
            if readingFromStart, offset == 0, consumedBytes > 0, now.size > 2 * consumedBytes {
                // A large log read from its start: make room for all its points at once, by
                // the first chunk's points per byte, rather than growing the run's storage
                // by doubling (copies, and up to twice the memory a point needs).
                let expected = Double(parsed.pointCount) * Double(now.size) / Double(consumedBytes)
                run.points.reserveCapacity(run.points.count + Int(expected * 1.02) + 64)
            }
            for part in parsed.parts { apply(part, to: &run, report: report) }
            offset += consumedBytes
            nextRecord += consumedRecords
            if parsed.broughtNews { progressed = true }
            if consumedBytes == 0 {
                guard count == reader.capacity, count == SourceTailer.chunkBytes else { break }   // a partial record: wait
                // One record longer than a whole chunk: no log line is that long; skip it.
                report(ParseIssue(file: displayPath, line: nextRecord,
                                  message: "record longer than \(SourceTailer.chunkBytes >> 20) MiB; skipped"))
                offset += count
                progressed = true
            }
        }
        return changed || progressed
    }

    /// The chunk at `offset`, parsed on this thread. When more follows a full chunk, the bytes
    /// after its last newline are read on another thread meanwhile (`ChunkReader.prefetch`).
    private func readAndParse(_ reader: ChunkReader, now: FileIdentity,
                              makeParser: () -> any AppendingLogParser) throws(ReadOnlyFile.Failure) -> ChunkParseAhead.Parsed {
        let chunk = try reader.read(from: offset)
        var active = parser ?? makeParser()
        guard !chunk.isEmpty else { return ChunkParseAhead.Parsed(count: 0, parts: [ParseOutcome()], parser: active) }
        if type(of: active).consumesWholeLines, chunk.count == reader.capacity, offset + chunk.count < now.size,
           let last = chunk.lastIndex(of: 0x0A) {
            reader.prefetch(from: offset + last + 1)
        }
        let outcome = active.parse(chunk, firstRecord: nextRecord)
        return ChunkParseAhead.Parsed(count: chunk.count, parts: [outcome], parser: active)
    }

    /// Two of these are in use while a large log loads (`ChunkReader`): 2 MiB each keeps
    /// the load's memory where one 4 MiB buffer had it.
    static let chunkBytes = 2 << 20

    private mutating func pollWhole(_ now: FileIdentity, into run: inout Run) -> Bool {
        guard isMissing || identity != now else { return false }
        guard let outcome = readWhole(now) else { return true }
        // A file caught half-rewritten parses to nothing: keep what we had until it is whole.
        if !outcome.points.isEmpty || outcome.problems.isEmpty {
            run.removeAllPoints()
        }
        applyWhole(outcome, to: &run)
        return true
    }

    /// For a run of several rewritten files (Lightning `version_N` folders of one resumed
    /// run): re-parse this file if it changed and keep its points in `wholeFilePoints`, so
    /// the follower can stitch the files again whichever one changed. Returns true when
    /// the points or the problems changed.
    mutating func refreshWholeFile() -> Bool {
        guard case .wholeFile = reading else { return false }
        guard let now = FileIdentity.of(path) else {
            if isMissing { return false }
            isMissing = true
            standing = [missingIssue(keeping: wholeFilePoints.count)]
            return true
        }
        guard isMissing || identity != now else { return false }
        guard case .wholeFile = reading, let outcome = readWhole(now) else { return true }
        // Through a run of its own, so the file's points obey the rewind rule like any run's.
        var alone = Run(id: path, name: displayPath)
        applyWhole(outcome, to: &alone)
        // A file caught half-rewritten parses to nothing: keep its points until it is whole.
        if !outcome.points.isEmpty || outcome.problems.isEmpty { wholeFilePoints = alone.points }
        return true
    }

    /// The file as it is now, parsed whole; nil when it could not be read (a standing problem).
    private mutating func readWhole(_ now: FileIdentity) -> ParseOutcome? {
        guard case .wholeFile(let wholeParser) = reading else { return nil }
        isMissing = false
        identity = now
        let bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.read(path, from: 0)
        } catch {
            standing = [ParseIssue(file: displayPath, line: 0, message: ReadOnlyFile.message(error))]
            return nil
        }
        return bytes.withUnsafeBufferPointer { wholeParser.parse($0) }
    }

    /// A file read whole: its problems describe the file as it is now, so they replace the
    /// last read's (a NaN in a Trainer state rewritten at every save is one problem, not one
    /// per save) and vanish when the file no longer has them.
    private mutating func applyWhole(_ outcome: ParseOutcome, to run: inout Run) {
        run.append(contentsOf: outcome.pointsAlone)
        standing = outcome.problems.map { ParseIssue(file: displayPath, line: $0.record, message: $0.message) }
        if let metadata = outcome.metadata { logMetadata = metadata.filled(from: logMetadata) }
    }

    private func missingIssue(keeping count: Int) -> ParseIssue {
        ParseIssue(file: displayPath, line: 0,
                   message: "file was deleted; keeping the \(count) points already read until it comes back")
    }

    private mutating func apply(_ outcome: ParseOutcome, to run: inout Run, report: (ParseIssue) -> Void) {
        run.append(contentsOf: outcome.pointsAlone)
        for problem in outcome.problems {
            report(ParseIssue(file: displayPath, line: problem.record, message: problem.message))
        }
        if let metadata = outcome.metadata { logMetadata = metadata.filled(from: logMetadata) }
    }
}
