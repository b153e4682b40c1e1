import Dispatch

/// The next chunk of a large log, read and parsed on another thread while the tailer's thread
/// stores the chunk before it in the run. Storing is sequential (a run is one value, and its
/// points must go in in order), and while it ran the second core sat idle: a third of loading
/// a 189 MB JSONL log (perf, issue 16). Once it has stored that chunk, the tailer's thread
/// helps in `wait()`: it reads the chunk after this one into the reader's other buffer and
/// takes parts of this chunk's parse (`PartedParse`), so neither step is left to one thread.
///
/// Only for parsers that consume whole lines, whose next chunk starts where the current one
/// ended. The parser as it was after the current chunk is handed over, and the one after the
/// next chunk comes back, so a parser with state between chunks would still see them in order.
final class ChunkParseAhead: @unchecked Sendable {   // `result` is set before `done` is left and read after it is waited on; `shared` likewise with `started`
    struct Parsed {
        /// Bytes read (the chunk's size; 0 at the end of the file).
        var count: Int
        /// The chunk's outcome in parts, in order, numbered as one pass numbers them: one part
        /// unless the parse was shared (`PartedParse.numberedParts`).
        var parts: [ParseOutcome]
        var parser: any AppendingLogParser

        var consumedBytes: Int { parts.reduce(0) { $0 + $1.consumedBytes } }
        var consumedRecords: Int { parts.reduce(0) { $0 + $1.consumedRecords } }
        var pointCount: Int { parts.reduce(0) { $0 + $1.points.count } }
        /// Whether any part brought points, problems or metadata.
        var broughtNews: Bool { parts.contains { !$0.points.isEmpty || !$0.problems.isEmpty || $0.metadata != nil } }
    }

    /// Where the chunk starts in the file.
    let offset: Int
    private let done = DispatchGroup()
    private var result: Result<Parsed, ReadOnlyFile.Failure>?
    /// Signalled once: when the chunk's parse is under way in parts (`shared` set before) or,
    /// failing that, when the job is over.
    private let started = DispatchSemaphore(value: 0)
    private var shared: PartedParse?
    /// Where the chunk after this one starts, when one follows (set with `shared`).
    private var nextChunk: (reader: ChunkReader, offset: Int)?

    /// Start reading through `reader` from `offset` and parsing with `parser`. Nothing else may
    /// use `reader` until `wait()` has returned.
    init(reader: ChunkReader, offset: Int, parser: any AppendingLogParser, firstRecord: Int, fileSize: Int) {
        self.offset = offset
        done.enter()
        DispatchQueue.global().async { [self] in
            var announced = false
            result = Result { () throws(ReadOnlyFile.Failure) in
                try readAndParse(reader: reader, parser: parser, firstRecord: firstRecord, fileSize: fileSize, announced: &announced)
            }
            if !announced { started.signal() }
            done.leave()
        }
    }

    /// The chunk and its outcome, once both are ready. The calling thread reads the next
    /// chunk and helps with the parse's parts meanwhile: it has nothing else to do.
    func wait() -> Result<Parsed, ReadOnlyFile.Failure> {
        started.wait()
        if let (reader, offset) = nextChunk { reader.readAhead(from: offset) }
        shared?.work()
        done.wait()
        return result!
    }

    private func readAndParse(reader: ChunkReader, parser: any AppendingLogParser, firstRecord: Int, fileSize: Int,
                              announced: inout Bool) throws(ReadOnlyFile.Failure) -> Parsed {
        let chunk = try reader.read(from: offset)
        if !chunk.isEmpty, let parts = parser.sharedParse(chunk, firstRecord: firstRecord) {
            shared = parts
            // The chunk after this one, for the waiting thread to read into the other buffer
            // while this one is parsed: read here, it was a step no other thread shared.
            if chunk.count == reader.capacity, offset + chunk.count < fileSize, let last = chunk.lastIndex(of: 0x0A) {
                nextChunk = (reader, offset + last + 1)
            }
            announced = true
            started.signal()
            return Parsed(count: chunk.count, parts: parts.numberedParts(), parser: parser)
        }
        var parser = parser
        let outcome = chunk.isEmpty ? ParseOutcome() : parser.parse(chunk, firstRecord: firstRecord)
        return Parsed(count: chunk.count, parts: [outcome], parser: parser)
    }
}
